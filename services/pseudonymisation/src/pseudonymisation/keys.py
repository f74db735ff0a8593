"""The keys of the keyed hashes (HMAC-SHA-256), one set per domain, rotated by epoch.

Pseudonyms made for different domains (police, city services) do not link: each domain has keys
of its own. Within a domain, the current key makes pseudonyms and every pseudonym carries its key
id; older keys still held only recognise resends, so the store's duplicate check survives a
rotation. Destroying an old key (deleting it from the file) anonymises its epoch for good.

The file is mounted from a secret and read once; keys never reach a log, a trace, the bus or the
database (only key ids do).

    domains:
      police:
        current: police-2026-11
        keys:
          police-2026-11: 9f...  # 64 hexadecimal digits: 256 bits
          police-2026-05: 3c...  # the previous epoch, still held
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

KEY_ID_PATTERN = "^[a-z0-9][a-z0-9._-]{0,62}$"


class DomainKeys(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    current: str = Field(pattern=KEY_ID_PATTERN)
    keys: dict[str, SecretStr]

    @model_validator(mode="after")
    def _sound(self) -> DomainKeys:
        if self.current not in self.keys:
            raise ValueError(f"the current key {self.current!r} is not among the keys")
        for key_id, secret in self.keys.items():
            value = secret.get_secret_value()
            if len(value) != 64 or any(c not in "0123456789abcdefABCDEF" for c in value):
                raise ValueError(f"key {key_id!r} must be 64 hexadecimal digits (256 bits)")
        return self


class KeyFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    domains: dict[str, DomainKeys]


@dataclass(frozen=True)
class Keyring:
    """HMAC states keyed once per key, by domain; what pseudonymisation hashes with."""

    _current: dict[str, str] = field(repr=False)
    _states: dict[str, dict[str, hmac.HMAC]] = field(repr=False)

    @classmethod
    def load(cls, path: Path) -> Keyring:
        with open(path, encoding="utf-8") as handle:
            return cls.of(KeyFile.model_validate(yaml.safe_load(handle)))

    @classmethod
    def of(cls, keys: KeyFile) -> Keyring:
        return cls(
            {name: domain.current for name, domain in keys.domains.items()},
            {
                name: {
                    key_id: hmac.new(bytes.fromhex(secret.get_secret_value()), digestmod=hashlib.sha256)
                    for key_id, secret in domain.keys.items()
                }
                for name, domain in keys.domains.items()
            },
        )

    @property
    def domains(self) -> frozenset[str]:
        return frozenset(self._current)

    def current_key_id(self, domain: str) -> str:
        return self._current[domain]

    def pseudonym(self, domain: str, text: str, key_id: str | None = None) -> str:
        """32 hexadecimal digits of HMAC-SHA-256 of `text` under the domain's current key (or `key_id`)."""
        mac = self._states[domain][key_id or self._current[domain]].copy()
        mac.update(text.encode())
        return mac.hexdigest()[:32]

    def older_pseudonyms(self, domain: str, text: str) -> list[str]:
        """The same text under every other key the domain still holds, oldest epochs included."""
        return [self.pseudonym(domain, text, key_id) for key_id in self._states[domain] if key_id != self._current[domain]]
