"""Process settings from the environment and `.env` (pydantic-settings).

A missing or malformed setting stops the process at start with one line that
names it; secrets are `SecretStr` so they never print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .wan.catalog.types import Region

REGION_HOSTS: dict[str, str] = {
    "beijing": "https://dashscope.aliyuncs.com",
    "singapore": "https://dashscope-intl.aliyuncs.com",
    "virginia": "https://dashscope-us.aliyuncs.com",
}


class Settings(BaseSettings):
    """Everything an operator can set. Names are the environment variables."""

    # An empty value (`DASHSCOPE_API_KEY=` as .env.example has it) counts as unset: sandbox mode, not an empty key.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

    discord_token: SecretStr | None = Field(default=None, description="Discord bot token")
    dashscope_api_key: SecretStr | None = Field(default=None, description="DashScope / Model Studio API key")
    dashscope_region: Region = Field(default="singapore", description="beijing | singapore | virginia")
    dashscope_base_url: str | None = Field(
        default=None, description="Host root overriding the region's host; /api/v1 is appended"
    )
    dashscope_workspace: str | None = Field(default=None, description="Optional X-DashScope-WorkSpace id")
    result_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Extra hosts results may be downloaded from (comma-separated)"
    )
    data_dir: Path = Field(default=Path("data"), description="Where the SQLite file and temporary files live")
    database_path: str | None = Field(default=None, description="SQLite path; default <data_dir>/wanbot.sqlite3")
    query_budget_per_second: float = Field(default=10.0, gt=0, description="Task queries per second, all jobs")
    model_limits: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description='Per-model overrides of the documented limits, JSON: {"wan2.6-t2v": {"submit_rps": 5, '
        '"concurrent": 2}}',
    )
    default_allowance_seconds: float | None = Field(default=60.0, description="Quota seconds per member per period")
    default_period: Literal["day", "week", "month"] = Field(default="day")
    job_deadline_seconds: float = Field(default=3 * 3600.0, gt=0, description="Give up on a task after this long")
    request_timeout_seconds: float = Field(default=60.0, gt=0)
    upload_mode: Literal["data-uri", "url", "temporary-upload"] = Field(
        default="data-uri", description="How images reach DashScope"
    )
    discord_api_base: str | None = Field(default=None, description="Override Discord's REST base (tests, proxies)")
    discord_gateway_url: str | None = Field(default=None, description="Override Discord's gateway URL")
    message_content_intent: bool = Field(
        default=False,
        description="Ask Discord for the privileged Message Content intent (enable it in the developer portal "
        "first): needed for emoji-reaction effects on other members' pictures",
    )
    shutdown_grace_seconds: float = Field(
        default=20.0, ge=0, description="On SIGTERM, how long uploads in flight may take to finish"
    )
    log_level: str = Field(default="INFO")
    log_format: Literal["text", "json"] = Field(default="text", description="text lines, or one JSON object per line")

    @field_validator("dashscope_base_url")
    @classmethod
    def _root_only(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        v = v.strip().rstrip("/")
        if not v.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        if v.endswith("/api/v1"):
            v = v[: -len("/api/v1")]  # accept the SDK-style base too
        if "{" in v:
            raise ValueError("replace {WorkspaceId} with your workspace id")
        return v

    @field_validator("result_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, v: object) -> object:
        if isinstance(v, str):
            return [h.strip() for h in v.split(",") if h.strip()]
        return v

    @field_validator("model_limits")
    @classmethod
    def _known_limits(cls, v: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for model, limits in v.items():
            unknown = set(limits) - {"submit_rps", "concurrent"}
            if unknown:
                raise ValueError(f"{model}: only submit_rps and concurrent can be set, not {sorted(unknown)}")
        return v

    @property
    def sandbox(self) -> bool:
        """No DashScope key: the bot runs against the built-in simulator (see `bot.sandbox`)."""
        return self.dashscope_api_key is None

    @property
    def base_url(self) -> str:
        return self.dashscope_base_url or REGION_HOSTS[self.dashscope_region]

    @property
    def database(self) -> str:
        return self.database_path or str(self.data_dir / "wanbot.sqlite3")

    def require(self, *names: str) -> None:
        """Fail with one clear line when a setting a command needs is absent."""
        for name in names:
            if getattr(self, name) in (None, ""):
                raise SettingsError(f"{name.upper()} is not set (add it to the environment or .env)")


class SettingsError(SystemExit):
    """A configuration problem, reported as one line and exit status 2."""

    def __init__(self, line: str) -> None:
        super().__init__(2)
        self.line = line

    def __str__(self) -> str:
        return self.line


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, or one clear line naming what is wrong."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err.get("loc") else "setting"
        raise SettingsError(f"{name} is invalid: {err['msg']}") from None
