"""Browser tests: JupyterLab in headless Chromium, driven with Playwright (marker `browser`)."""
