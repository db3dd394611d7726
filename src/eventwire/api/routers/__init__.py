"""The API's routers: ``create_app`` includes each module's ``router``."""
