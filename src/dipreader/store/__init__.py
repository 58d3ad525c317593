"""The annotation database: the only code that opens that file. See docs/architecture.md."""

from typing import TYPE_CHECKING

from dipreader.lazy import lazy_exports

if TYPE_CHECKING:
    from dipreader.store.anchor import make_target, reanchor
    from dipreader.store.errors import (
        InvalidValue,
        StoreCorrupt,
        StoreError,
        StoreLocked,
        StoreLockLost,
        StoreNotFound,
        StoreNotWritable,
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

__getattr__ = lazy_exports(
    __name__,
    {
        "dipreader.store.anchor": ("make_target", "reanchor"),
        "dipreader.store.errors": (
            "InvalidValue",
            "StoreCorrupt",
            "StoreError",
            "StoreLocked",
            "StoreLockLost",
            "StoreNotFound",
            "StoreNotWritable",
            "StoreReadOnly",
            "StoreTooNew",
            "TagConflict",
            "UnknownRecord",
        ),
        "dipreader.store.model": (
            "BUILTIN_KINDS",
            "PERSON",
            "THEME",
            "Annotation",
            "ArticleState",
            "Tag",
            "TextTarget",
        ),
        "dipreader.store.names": ("fold_name",),
        "dipreader.store.store": ("AnnotationStore",),
    },
)

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
    "StoreLockLost",
    "StoreLocked",
    "StoreNotFound",
    "StoreNotWritable",
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
