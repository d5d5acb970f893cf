-- Tries to read the environment.
return {home = os.getenv("HOME")}
