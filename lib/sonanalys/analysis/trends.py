"""Trends over years: year-on-year change and a linear fit with its confidence band."""

from __future__ import annotations

import numpy as np
import pandas as pd


def yoy(series: pd.DataFrame, by: list[str], value: str = "value") -> pd.DataFrame:
    """Year-on-year change (absolute and %) within each group of ``by``."""
    df = series.sort_values([*by, "year"]).copy()
    prev = df.groupby(by)[value].shift(1)
    prev_year = df.groupby(by)["year"].shift(1)
    consecutive = (df["year"] - prev_year) == 1
    df["change"] = (df[value] - prev).where(consecutive)
    df["change_pct"] = (100 * (df[value] - prev) / prev).where(consecutive)
    return df


def linear_trend(years: pd.Series, values: pd.Series, alpha: float = 0.05) -> pd.DataFrame:
    """OLS of value on year; fitted values with a (1 − alpha) confidence band for the mean.
    Needs at least three points (two leave no degrees of freedom for a band)."""
    if len(years) < 3:
        raise ValueError("en trend kräver minst tre år")
    # imported here: statsmodels (with scipy.stats) costs about 2 s, paid only by
    # a notebook that fits a trend
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.tools import add_constant

    x = add_constant(np.asarray(years, dtype=float))
    fit = OLS(np.asarray(values, dtype=float), x).fit()
    pred = fit.get_prediction(x).summary_frame(alpha=alpha)
    return pd.DataFrame(
        {
            "year": np.asarray(years, dtype=int),
            "value": np.asarray(values, dtype=float),
            "fitted": pred["mean"].to_numpy(),
            "lower": pred["mean_ci_lower"].to_numpy(),
            "upper": pred["mean_ci_upper"].to_numpy(),
            "slope": fit.params[1],
            "slope_p": fit.pvalues[1],
        }
    )
