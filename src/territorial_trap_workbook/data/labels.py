"""Reader-facing names for the measures of the figure tables.

A measure id such as ``russian_held_share_of_area`` is a column value for code; a reader needs words, with
proper nouns capitalised ("Russian-held share of area"). Capitalising ids by rule would get "Us" and "Gdp"
wrong, so every measure has a label written here, and a measure without one is an error naming this file.
"""
from __future__ import annotations

MEASURE_LABELS: dict[str, str] = {
    # area, population, control
    "area": "area",
    "population": "population",
    "russian_held_area": "Russian-held area",
    "russian_held_share_of_area": "Russian-held share of area",
    "russian_held_share_of_area_before_2022": "Russian-held share of area before 2022",
    "claimed_annexed_share_of_ukraine": "share of Ukraine annexed and held by Russia (Ukraine's estimate)",
    "share_of_ukraine_area": "share of Ukraine's area",
    # aid (Kiel Institute's Ukraine Support Tracker)
    "allocated_total_cumulative": "aid allocated, cumulative (all kinds)",
    "allocated_military_cumulative": "military aid allocated, cumulative",
    "allocated_total_per_year_average": "aid allocated per year, 2022–2024 average (all kinds)",
    "allocated_military_per_year_average": "military aid allocated per year, 2022–2024 average",
    "allocated_military_year_to_date": "military aid allocated in 2025 so far",
    "allocated_financial_cumulative": "financial aid allocated",
    "allocated_humanitarian_cumulative": "humanitarian aid allocated",
    "allocated_financial_humanitarian_cumulative": "financial and humanitarian aid allocated",
    "allocated_share_of_donor_gdp_per_year": "aid allocated per year as a share of the donor's GDP",
    "allocated_share_of_gdp_needed_to_replace_us_aid": "yearly aid, as a share of GDP, needed to replace U.S. aid",
    "allocated_jan_feb": "aid allocated in January–February 2025",
    "allocated_last_package_before_pause": "last package before the pause",
    "allocated_share_of_donor_gdp": "aid allocated as a share of the donor's GDP",
    "financial_humanitarian_allocated": "financial and humanitarian aid allocated",
    "share_of_european_financial_humanitarian_allocations": "share of Europe's financial and humanitarian aid",
    "military_allocations_change_vs_2022_2024_average": "military aid, change against the 2022–2024 average",
    "military_allocations_monthly_change_vs_2022_2024_average":
        "military aid per month, change against the 2022–2024 average",
    "nonmilitary_allocations_change_vs_2022_2024_average":
        "non-military aid, change against the 2022–2024 average",
    "share_of_us_and_european_total_allocations": "share of the aid the US and Europe allocated together",
    "share_of_us_and_european_military_allocations":
        "share of the military aid the US and Europe allocated together",
    # war economies
    "military_expenditure": "military expenditure",
    "military_expenditure_real_change": "military expenditure, real change",
    "military_burden": "military burden (spending as a share of GDP)",
    "military_share_of_government_spending": "military spending as a share of government spending",
    "planned_military_expenditure": "planned military expenditure",
    "planned_military_expenditure_share_of_gdp": "planned military expenditure as a share of GDP",
    "budget_national_defence": "federal budget for national defence",
    "budget_national_defence_share_of_federal_spending": "national defence as a share of federal spending",
    "budget_total_federal_expenditure": "total federal budget expenditure",
    "artillery_shell_production": "artillery shell production",
    "artillery_shell_production_for_ukraine": "artillery shell production for Ukraine",
    "artillery_shells_fired": "artillery shells fired",
    "artillery_shell_production_first_western_estimate": "artillery shell production: first Western estimate",
    "artillery_shell_production_expected": "artillery shell production expected",
    "tank_production": "tank production",
    "tank_production_expected": "tank production expected",
    "main_battle_tanks_lost": "main battle tanks lost",
    "main_battle_tanks_active": "main battle tanks in active service",
    "main_battle_tanks_in_storage": "main battle tanks in storage",
    "tanks_reactivated_from_storage_per_month": "tanks taken out of storage per month",
    # regional economies
    "gross_regional_product": "gross regional product",
    "share_of_ukraine_gdp": "share of Ukraine's GDP",
    "share_of_ukraine_gdp_pre_war": "share of Ukraine's GDP before the war",
    "share_of_ukraine_gdp_lost": "share of Ukraine's GDP lost",
    "share_of_ukraine_gdp_bound_from_rank": "share of Ukraine's GDP (bounds from the ranking)",
    "share_of_ukraine_exports": "share of Ukraine's exports",
    "share_of_ukraine_exports_range": "share of Ukraine's exports (range across sources)",
    "share_of_ukraine_export_earnings": "share of Ukraine's export earnings",
    "share_of_ukraine_industrial_output": "share of Ukraine's industrial output",
    "share_of_ukraine_industrial_output_range": "share of Ukraine's industrial output (range across sources)",
    "share_of_ukraine_industrial_and_mining_output": "share of Ukraine's industrial and mining output",
    "share_of_ukraine_industrial_sales": "share of Ukraine's industrial sales",
    "russian_tax_revenue_collected": "taxes Russia collected there",
    "russian_budget_spending_planned": "spending Russia planned there (at least)",
    "irrigated_area_fed_by_kakhovka": "irrigated area fed by the Kakhovka reservoir",
    "gdp_current_usd": "GDP in current US dollars",
    "change_in_share_of_ukraine_gdp": "change in share of Ukraine's GDP",
    "share_outside_government_control": "share outside government control",
    "share_of_ukraine_coal_deposits": "share of Ukraine's coal deposits",
    "share_of_ukraine_metal_deposits": "share of Ukraine's metal deposits",
    "share_of_ukraine_rare_earth_and_critical_mineral_deposits": "share of Ukraine's rare-earth and critical-mineral deposits",
    "value_of_energy_and_mineral_deposits": "value of energy and mineral deposits",
    "share_of_ukraine_agricultural_land": "share of Ukraine's agricultural land",
    "share_of_ukraine_winter_crop_land": "share of Ukraine's winter-crop land",
    "irrigation_systems_fed_by_kakhovka": "irrigation systems fed by the Kakhovka reservoir",
}


def measure_label(measure: str) -> str:
    """The label of a measure id; ``KeyError`` naming the id and where labels live if it has none."""
    try:
        return MEASURE_LABELS[measure]
    except KeyError:
        raise KeyError(f"measure {measure!r} has no reader-facing label: add one to MEASURE_LABELS in "
                       "territorial_trap_workbook/data/labels.py") from None
