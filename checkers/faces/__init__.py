"""The faces: the command line and the pytest plugin."""
