-- Raises a table instead of a message.
error({code = 42})
