"""Newsletter issues as people meet them outside the sending engine (dearly.newsletter): the
desk's compose form, and the public web archive of issues (/newsletter/).
No models: broadcasts are dearly.newsletter's."""
