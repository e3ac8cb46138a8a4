"""HTTP adapter: the FastAPI app, its schemas, dependencies, officials' views and admin routes."""
