"""The explanations (levels, reasons, track record) as the messages both APIs send: the read API's
answers and the risk updates applications are notified of."""

from __future__ import annotations

from civicpulse.scoring.v1 import forecasts_pb2 as pb
from scoring import explanations

BANDS = {"green": pb.BAND_GREEN, "orange": pb.BAND_ORANGE, "red": pb.BAND_RED}


def level_message(m: explanations.LevelMeaning) -> pb.LevelMeaning:
    return pb.LevelMeaning(
        risk_level=m.risk_level,
        band=BANDS[m.band],
        min_expected_count=m.min_expected_count,
        max_expected_count=m.max_expected_count or 0.0,
        has_max=m.max_expected_count is not None,
        words_en=m.words_en,
        words_fr=m.words_fr,
    )


def reason_message(r: explanations.Reason) -> pb.Reason:
    return pb.Reason(
        family=r.family,
        label_en=r.label_en,
        label_fr=r.label_fr,
        share=r.share,
        raises=r.raises,
        words_en=r.words_en,
        words_fr=r.words_fr,
    )


def track_record_message(t: explanations.TrackRecord) -> pb.TrackRecord:
    return pb.TrackRecord(
        judged=t.judged,
        beats_baselines=t.beats_baselines,
        model_hit_rate=t.model_hit_rate,
        best_baseline_hit_rate=t.best_baseline_hit_rate,
        best_baseline=t.best_baseline,
        words_en=t.words_en,
        words_fr=t.words_fr,
    )
