"""English: /wan-edit, VACE video editing (cogs/video_edit.py).

Descriptions at most 100 characters, names lowercase without spaces (1-32). `video` and `extend`
are localised through `vace.name.*` keys rather than `name.video` / `name.extend`, which other
commands are likely to define for their own options (a key defined twice fails the package).
"""

MESSAGES: dict[str, str] = {
    # The command group and its subcommands.
    "vace.cmd": "Edit a video, or make one from pictures or clips, with Wan VACE",
    "vace.cmd.reference": "A new video starring the subjects (and background) of 1-3 pictures",
    "vace.cmd.repaint": "Re-render a video from a prompt, keeping its motion, pose, depth or line art",
    "vace.cmd.local": "Change only the masked part of a video (white in the mask = change)",
    "vace.cmd.extend": "Continue or join clips and pictures into one 5-second video",
    "vace.cmd.outpaint": "Widen a video's frame outward: more picture on any side",
    # Options (generic ones reuse opt.*).
    "vace.opt.prompt_reference": "What happens in the new video, with the subjects of your pictures",
    "vace.opt.prompt_repaint": "What the re-rendered video should look like",
    "vace.opt.prompt_local": "What the masked area should show (or what to remove)",
    "vace.opt.prompt_extend": "What happens in the 5-second video",
    "vace.opt.prompt_outpaint": "What the new area around the picture should show",
    "vace.opt.image1": "Picture 1: one subject (or the background) on a plain backdrop",
    "vace.opt.image2": "Picture 2 (optional): another subject, or the background",
    "vace.opt.image3": "Picture 3 (optional): another subject, or the background",
    "vace.opt.background": "Which picture is the background (all others are subjects)",
    "vace.opt.video_source": "The video (mp4, at least 16 fps, at most 5 s)",
    "vace.opt.video_motion": "Motion reference video (mp4, at most 5 s, same fps and size as the clips)",
    "vace.opt.control_repaint": "What to keep from the video",
    "vace.opt.control_local": "Also keep this from the video (default: nothing)",
    "vace.opt.control_extend": "What to take from the motion video (needed with it)",
    "vace.opt.strength": "How closely to follow the video, 0-1 (default 1: as close as possible)",
    "vace.opt.subject_repaint": "A picture of a subject to put into the video instead (optional)",
    "vace.opt.subject_local": "A picture to use as the new subject or background (optional)",
    "vace.opt.mask_image": "Mask picture, same size as the video: white = change, black = keep",
    "vace.opt.mask_video": "Mask video instead of a picture: same size, fps and length as the video",
    "vace.opt.mask_frame": "Which frame of the video the mask picture shows (default 1, the first)",
    "vace.opt.mask_type": "Should the mask follow the object (default) or stay where it is?",
    "vace.opt.expand_ratio": "Grow a following mask by this share, 0-1 (default 0.05)",
    "vace.opt.expand_mode": "Shape of a following mask (default: hull)",
    "vace.opt.first_clip": "Opening clip to continue (mp4, at least 16 fps; both clips together at most 3 s)",
    "vace.opt.last_clip": "Closing clip to lead into (mp4, at least 16 fps; both clips together at most 3 s)",
    "vace.opt.first_frame": "Picture the video starts with",
    "vace.opt.last_frame": "Picture the video ends with",
    "vace.opt.top": "Widen at the top by this factor, 1-2 (default 1: unchanged)",
    "vace.opt.bottom": "Widen at the bottom by this factor, 1-2 (default 1: unchanged)",
    "vace.opt.left": "Widen on the left by this factor, 1-2 (default 1: unchanged)",
    "vace.opt.right": "Widen on the right by this factor, 1-2 (default 1: unchanged)",
    # Choices shown for documented values.
    "vace.choice.posebodyface": "pose, body and face",
    "vace.choice.posebody": "pose and body",
    "vace.choice.depth": "depth (layout and outlines)",
    "vace.choice.scribble": "line art",
    "vace.choice.tracking": "follow the object",
    "vace.choice.fixed": "stay in place",
    "vace.choice.hull": "hull (snug outline)",
    "vace.choice.bbox": "box",
    "vace.choice.original": "the mask's own outline",
    # Names.
    "name.wan-edit": "wan-edit",
    "name.reference": "reference",
    "name.repaint": "repaint",
    "name.local": "local",
    "name.outpaint": "outpaint",
    "vace.name.extend": "extend",
    "vace.name.video": "video",
    "name.image1": "image1",
    "name.image2": "image2",
    "name.image3": "image3",
    "name.background": "background",
    "name.subject": "subject",
    "name.control": "control",
    "name.strength": "strength",
    "name.mask_image": "mask_image",
    "name.mask_video": "mask_video",
    "name.mask_frame": "mask_frame",
    "name.mask_type": "mask_type",
    "name.expand_ratio": "expand_ratio",
    "name.expand_mode": "expand_mode",
    "name.first_clip": "first_clip",
    "name.last_clip": "last_clip",
    "name.first_frame": "first_frame",
    "name.last_frame": "last_frame",
    "name.top": "top",
    "name.bottom": "bottom",
    "name.left": "left",
    "name.right": "right",
    # Refusals: nothing was reserved, uploaded or sent.
    "vace.refusal.background_missing": "`background` is {value}, but `{value}` is not attached. "
    "Attach it, or choose one of the attached pictures: {allowed}.",
    "vace.refusal.mask_needed": "Attach a mask as `mask_image` or `mask_video`: white marks the part of the "
    "video to change, black the part to keep.",
    "vace.refusal.one_mask": "Attach only one mask: `mask_image` or `mask_video`, not both.",
    "vace.refusal.frame_needs_image": "`mask_frame` says which frame a mask picture shows; leave it out "
    "when the mask is `mask_video`.",
    "vace.refusal.tracking_only": "`{field}` only works when the mask follows the object (`mask_type` {allowed}); "
    "leave it out, or let the mask follow the object.",
    "vace.refusal.mask_length": "`mask_video` is {value} s long but `video` is {allowed} s: the mask video must be "
    "exactly as long as the video.",
    "vace.refusal.nothing_to_extend": "Attach something to build on: `first_clip`, `last_clip`, `first_frame`, "
    "`last_frame` or `video`.",
    "vace.refusal.control_needed": "`control` is needed with a motion `video`: choose {allowed}.",
    "vace.refusal.clips_too_long": "`first_clip` and `last_clip` are {value} s long together; together they may "
    "be at most {allowed} s.",
    "vace.refusal.no_side": "Set at least one of `top`, `bottom`, `left` or `right` above {allowed} to widen "
    "the video; as it is, nothing would change.",
}
