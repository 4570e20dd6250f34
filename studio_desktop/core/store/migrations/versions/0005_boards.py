"""Boards: collections of images the user fills by hand (an image may be in several).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # New tables only: nothing existing is copied, so the FTS triggers on `jobs` stay.
    op.create_table(
        "boards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "board_images",
        sa.Column(
            "board_id",
            sa.Integer(),
            sa.ForeignKey("boards.id", ondelete="CASCADE", name="fk_board_images_board"),
            primary_key=True,
        ),
        sa.Column(
            "image_id",
            sa.Integer(),
            sa.ForeignKey("images.id", ondelete="CASCADE", name="fk_board_images_image"),
            primary_key=True,
        ),
    )
    op.create_index("ix_board_images_image", "board_images", ["image_id"])


def downgrade() -> None:
    op.drop_index("ix_board_images_image", "board_images")
    op.drop_table("board_images")
    op.drop_table("boards")
