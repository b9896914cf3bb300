"""planner: a full-screen terminal daily planner that ties every task to your why."""

__version__ = "0.1.0"
