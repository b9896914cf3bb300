"""The TCSS of the app, shipped inside the package as ``planner.styles``."""
