"""A FastAPI mirror of ScaiDrive's reference backend.

Mirrors `examples/src/backend/scaidrive.rs` (routes under `/scaidrive`): the same
models, constraints, seeded files, success shapes and error texts, so that the
responses FastAPI / Pydantic give to bad requests can be recorded (see `record.py`)
and compared against by the Rust tests.

`create_app()` returns a fresh app with fresh state (no folder; files 1 and 2), so a
recording is reproducible.
"""

from fastapi import APIRouter, FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

# The same constants as the Rust backend.
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_NAME = 255
MAX_QUOTA_MB = 1024


class NewFolder(BaseModel):
    """The body of `POST /v1/folders`."""

    name: str = Field(min_length=1, max_length=MAX_NAME)
    quota_mb: int = Field(ge=0, le=MAX_QUOTA_MB)
    shared: bool


class Folder(BaseModel):
    id: int
    name: str
    quota_mb: int
    shared: bool


class File(BaseModel):
    id: int
    name: str
    size: int


class FilePage(BaseModel):
    items: list[File]
    total: int


def create_app() -> FastAPI:
    """A new app with its own state: no folder, files 1 `welcome.txt` and 2 `Q3 report.xlsx`."""
    folders: list[Folder] = []
    files: dict[int, File] = {
        1: File(id=1, name="welcome.txt", size=312),
        2: File(id=2, name="Q3 report.xlsx", size=48_210),
    }

    router = APIRouter(prefix="/scaidrive")

    @router.post("/v1/folders", status_code=201, response_model=Folder)
    def create_folder(new: NewFolder) -> Folder:
        if any(f.name == new.name for f in folders):
            # The text of the Rust backend's `ConflictError::NameCollision`
            # (examples/src/scaidrive.rs).
            raise HTTPException(
                status_code=409,
                detail=f"An item named '{new.name}' already exists in this folder",
            )
        folder = Folder(
            id=len(folders) + 1,
            name=new.name,
            quota_mb=new.quota_mb,
            shared=new.shared,
        )
        folders.append(folder)
        return folder

    @router.get("/v1/files/{file_id}", response_model=File)
    def get_file(file_id: int) -> File:
        found = files.get(file_id)
        if found is None:
            raise HTTPException(status_code=404, detail="File not found")
        return found

    @router.get("/v1/files", response_model=FilePage)
    def list_files(limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)) -> FilePage:
        items = [files[k] for k in sorted(files)][:limit]
        return FilePage(items=items, total=len(files))

    app = FastAPI(title="ScaiDrive (reference mirror)")
    app.include_router(router)
    return app


app = create_app()
