"""The Gallery tab: every output as a virtualised thumbnail grid, with filters and a viewer."""

from studio_desktop.ui.gallery.model import GalleryModel
from studio_desktop.ui.gallery.tab import GalleryTab
from studio_desktop.ui.gallery.viewer import ImageViewer

__all__ = ["GalleryModel", "GalleryTab", "ImageViewer"]
