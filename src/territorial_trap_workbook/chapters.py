"""The chapter map: number, short name and title of each chapter (one list for the whole project)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str
    title: str

    @property
    def stem(self) -> str:
        """File name shared by the book page, the exercise notebook and the solution notebook."""
        return f"{self.number:02d}-{self.slug}"


CHAPTERS = (
    Chapter(1, "ultimatum", "The ultimatum: walking out of the talks"),
    Chapter(2, "legal-rigidity", "Legal rigidity: a constitution as a commitment"),
    Chapter(3, "attrition", "Time as an asset: a war of attrition"),
    Chapter(4, "pressure-valve", "The pressure valve: friction among the allies"),
    Chapter(5, "land-bridge", "The land bridge: power that shifts"),
    Chapter(6, "leverage", "Leverage: what a mediator can do"),
    Chapter(7, "precedent", "Precedent: Pandora's box as a cascade"),
    Chapter(8, "domestic-audience", "The domestic audience"),
    Chapter(9, "frozen-conflict", "Talks as a weapon and the frozen conflict"),
    Chapter(10, "economic-crippling", "Economic crippling and dependence on aid"),
    Chapter(11, "power-brokers", "Other power brokers: a rival track"),
    Chapter(12, "escalation", "Escalation if the talks collapse"),
    Chapter(13, "stalemate", "A stalemate of wills: what would have to change"),
)
