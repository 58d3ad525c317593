"""The annotation database: the only code that opens that file. See docs/architecture.md."""

from dipreader.store.anchor import make_target, reanchor
from dipreader.store.errors import (
    InvalidValue,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreNotFound,
    StoreReadOnly,
    StoreTooNew,
    TagConflict,
    UnknownRecord,
)
from dipreader.store.model import (
    BUILTIN_KINDS,
    PERSON,
    THEME,
    Annotation,
    ArticleState,
    Tag,
    TextTarget,
)
from dipreader.store.names import fold_name
from dipreader.store.store import AnnotationStore

__all__ = [
    "BUILTIN_KINDS",
    "PERSON",
    "THEME",
    "Annotation",
    "AnnotationStore",
    "ArticleState",
    "InvalidValue",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreNotFound",
    "StoreReadOnly",
    "StoreTooNew",
    "Tag",
    "TagConflict",
    "TextTarget",
    "UnknownRecord",
    "fold_name",
    "make_target",
    "reanchor",
]
