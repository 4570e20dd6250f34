"""A sweep group's axes and its grid.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

`job_groups.sweep` (JSON, NULL for batch and forever groups) holds a sweep's axes, so its grid
can be assembled when its last job ends, also after a restart, and which grid was made
(`grid`: the image id and the completed jobs it shows), so it is made once per outcome.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (nullable, no default): SQLite does it in place.
    op.execute("ALTER TABLE job_groups ADD COLUMN sweep JSON")


def downgrade() -> None:
    op.drop_column("job_groups", "sweep")
