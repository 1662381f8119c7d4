"""Media out: stream a result to a temp file, probe it, shrink it under the upload limit or explain why not.

`deliver()` / `delivering()` are the entry points; `Compressor` is shared per process so only one
encode runs at a time on a small host.
"""

from .compress import DEFAULT_FLOORS, Compressor, DoesNotFit, EncodeFailed, EncodePlan
from .fetch import Delivered, NotDeliverable, deliver, delivering, link_expiry
from .probe import UnreadableVideo, VideoInfo, probe

__all__ = [
    "DEFAULT_FLOORS",
    "Compressor",
    "Delivered",
    "DoesNotFit",
    "EncodeFailed",
    "EncodePlan",
    "NotDeliverable",
    "UnreadableVideo",
    "VideoInfo",
    "deliver",
    "delivering",
    "link_expiry",
    "probe",
]
