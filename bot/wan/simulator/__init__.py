"""The DashScope simulator (`wanbot simulator`)."""

from .app import Fault, Plan, RecordedRequest, Simulator, start

__all__ = ["Fault", "Plan", "RecordedRequest", "Simulator", "start"]
