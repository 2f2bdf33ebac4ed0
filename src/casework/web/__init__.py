"""The case browser and JSON API (`casework serve`, in app.py) and the templates the HTML report shares.

It reads the store, never the pipeline.
"""
