"""Hub tests: a real JupyterHub with nbgitpuller, and the student release (marker `hub`)."""
