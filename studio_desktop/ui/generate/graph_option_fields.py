"""The fields of the graph options (core/workflows/graph_options.py) other than the LoRA stack:
the VAE, CLIP skip, the hires fix group and the images per job (the latent batch).

Their texts are in the "GenerateForm" translation context, like the rest of the form.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QSpinBox, QWidget

from studio_desktop.core.jobs import LATENT_UPSCALE, HiresFix
from studio_desktop.ui.generate.collapsible_group import CollapsibleGroup
from studio_desktop.ui.generate.fields import ListCombo
from studio_desktop.ui.generate.form_widgets import float_spin, form_layout, int_spin

MAX_CLIP_SKIP = 24  # CLIPSetLastLayer's -24
MAX_BATCH_SIZE = 64  # EmptyLatentImage's batch_size maximum


def vae_combo() -> ListCombo:
    return ListCombo(
        QCoreApplication.translate("GenerateForm", "No VAEs known yet"),
        default_label=QCoreApplication.translate("GenerateForm", "From the checkpoint"),
        default_tip=QCoreApplication.translate(
            "GenerateForm", "The VAE built into the model; pick one to use another."
        ),
    )


def clip_skip_spin() -> QSpinBox:
    spin = int_spin(
        1,
        MAX_CLIP_SKIP,
        1,
        QCoreApplication.translate(
            "GenerateForm", "Leave out the text encoder's last layers (2 suits many anime models)"
        ),
    )
    spin.setSpecialValueText(QCoreApplication.translate("GenerateForm", "Off"))
    return spin


def batch_size_spin() -> QSpinBox:
    spin = int_spin(
        1,
        MAX_BATCH_SIZE,
        1,
        QCoreApplication.translate(
            "GenerateForm", "Images per job, made together in one batch (uses more video memory)"
        ),
    )
    spin.setPrefix("× ")
    spin.setSuffix(QCoreApplication.translate("GenerateForm", " per job"))
    return spin


class HiresGroup(CollapsibleGroup):
    """A second pass, off until ticked; its fields show only while it is on."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("GenerateForm", "Hires fix"), QWidget(), parent)
        self.setToolTip(
            QCoreApplication.translate(
                "GenerateForm",
                "Upscale the image and sample it again: sharper detail at a larger size",
            )
        )
        self.scale_spin = float_spin(
            (1.0, 8.0),
            1.5,
            decimals=2,
            step=0.25,
            tip=QCoreApplication.translate("GenerateForm", "How much larger the final image is"),
        )
        self.scale_spin.setPrefix("× ")
        self.upscaler_combo = ListCombo(
            QCoreApplication.translate("GenerateForm", "No upscale models known yet"),
            default_label=QCoreApplication.translate("GenerateForm", "Latent (no model)"),
            default_tip=QCoreApplication.translate(
                "GenerateForm", "Enlarge the latent itself; an upscale model keeps more detail."
            ),
        )
        self.denoise_spin = float_spin(
            (0.01, 1.0),
            0.5,
            decimals=2,
            step=0.05,
            tip=QCoreApplication.translate(
                "GenerateForm", "How much the second pass repaints: low keeps the first image"
            ),
        )
        self.steps_spin = int_spin(
            0, 200, 0, QCoreApplication.translate("GenerateForm", "Steps of the second pass")
        )
        self.steps_spin.setSpecialValueText(
            QCoreApplication.translate("GenerateForm", "Same as the first pass")
        )
        form: QFormLayout = form_layout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(QCoreApplication.translate("GenerateForm", "Scale"), self.scale_spin)
        form.addRow(QCoreApplication.translate("GenerateForm", "Upscaler"), self.upscaler_combo)
        form.addRow(QCoreApplication.translate("GenerateForm", "Denoise"), self.denoise_spin)
        form.addRow(QCoreApplication.translate("GenerateForm", "Steps"), self.steps_spin)
        self.body.setLayout(form)
        self.toggled.connect(self.changed)
        self.scale_spin.valueChanged.connect(self.changed)
        self.denoise_spin.valueChanged.connect(self.changed)
        self.steps_spin.valueChanged.connect(self.changed)
        self.upscaler_combo.currentIndexChanged.connect(self.changed)

    def value(self) -> HiresFix | None:
        if not self.isChecked():
            return None
        return HiresFix(
            scale=round(self.scale_spin.value(), 2),
            denoise=round(self.denoise_spin.value(), 2),
            steps=self.steps_spin.value(),
            upscaler=self.upscaler_combo.value() or LATENT_UPSCALE,
        )

    def set_value(self, hires: HiresFix | None) -> None:
        if hires is not None:
            self.scale_spin.setValue(hires.scale)
            self.denoise_spin.setValue(hires.denoise)
            self.steps_spin.setValue(hires.steps)
            upscaler = "" if hires.upscaler == LATENT_UPSCALE else hires.upscaler
            self.upscaler_combo.set_value(upscaler)
        self.setChecked(hires is not None)
