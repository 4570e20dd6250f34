"""A server's "missing model" error gets the template's download hint (issue 13 #11)."""

from __future__ import annotations

from studio_desktop.core.engine.failures import with_hints
from studio_desktop.core.jobs import JobError
from studio_desktop.core.workflows import TemplateRegistry

TEMPLATES = TemplateRegistry(user_dir=None)


def test_a_video_loader_failing_at_run_time_names_the_file_and_where_to_get_it() -> None:
    error = JobError(
        type="FileNotFoundError",
        message="UNETLoader (node 37) failed: Model in folder 'diffusion_models' not found.",
        node_id="37",
    )
    hinted = with_hints(error, TEMPLATES.get("video_wan"))
    assert hinted.message.startswith(error.message)
    assert "Download wan2.1_t2v_1.3B_fp16.safetensors from https://" in hinted.message
    assert "models/diffusion_models" in hinted.message
    assert (hinted.type, hinted.node_id) == (error.type, error.node_id)


def test_a_rejection_names_the_hint_of_the_input_it_complains_about_only() -> None:
    details = [
        {
            "node_id": "11",
            "class_type": "ControlNetLoader",
            "errors": [{"type": "value_not_in_list", "input_name": "control_net_name"}],
        }
    ]
    error = JobError(type="prompt_outputs_failed_validation", message="x", details=details)
    hinted = with_hints(error, TEMPLATES.get("pose_change"))
    assert hinted.message.count("Download ") == 1
    assert "control_v11p_sd15_openpose.pth" in hinted.message


def test_an_error_of_a_node_that_loads_no_model_is_left_as_it_is() -> None:
    error = JobError(type="execution_error", message="KSampler failed", node_id="3")
    assert with_hints(error, TEMPLATES.get("txt2img")) == error
