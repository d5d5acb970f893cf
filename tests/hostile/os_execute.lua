-- Tries to run a shell command.
os.execute("touch /tmp/clerk-hostile-escaped")
return {}
