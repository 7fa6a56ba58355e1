//! 評価・予測エンジン (the evaluator and forecaster): the one piece of code
//! that reads [`super::schedule::VACCINES`].
//!
//! For each vaccine of the table, in order:
//! 1. **Applicability** (対象者): sex, birth cohort (HepB, ロタ), 罹患歴 /
//!    接種不適当 / 母子感染予防 conditions, and which of 5種混合 or 4種混合+Hib is in use.
//! 2. **Series selection**: by the products of the doses and by the age at the
//!    first dose (or on the evaluation date when there is none) —
//!    Hib 3+1 / 2+1 / 1, 小児用肺炎球菌 3+1 / 2+1 / 2 / 1, HPV 9価 2回法 / 3回法.
//! 3. **Dose evaluation**, in date order (CDSi-style): slots that can no longer be
//!    given are skipped ([`super::schedule::DoseSpec::skip_after`], conditional
//!    skips, or a window that has passed while a later slot's window is open);
//!    each dose is checked against the legal windows, every minimum interval,
//!    **the 27-day rule** ([`live_block`]: only an injectable live vaccine after
//!    another, different injectable live vaccine; same-day is 同時接種 and allowed)
//!    and the product rules. No grace period: one day short is not routine.
//! 4. **Forecast**: the next slot with `earliest` (window start, intervals,
//!    27-day rule, date the vaccine became routine), `recommendedFrom/To`
//!    (標準的な接種期間 ∩ 標準的な間隔) and `latest` (end of the legal window).
//!
//! Every date comes from [`crate::calendar`]; arithmetic that would leave the
//! calendar's range yields "no date" instead of panicking.

use super::model::{
    ConditionCode, DoseEvaluation, Evaluation, History, NextDose, Reason, Reasons, Sex, Status,
    VaccineEvaluation,
};
use super::schedule::{
    Age, DoseSpec, Gap, Kind, Recurrence, Requirement, Series, SexRule, Skip, Span, Vaccine,
    VaccineId, VACCINES,
};
use crate::calendar::{
    after_days, after_months, after_months_and_half, fiscal_year, fiscal_year_end,
    fiscal_year_start, reaches_months, reaches_years, weeks_days_after,
};
use chrono::{Datelike, NaiveDate};
use std::cell::Cell;

/// Most doses in one series (Hib, PCV, 5種/4種混合, 日本脳炎: 4).
const MAX_DOSES: usize = 4;
/// Most windows open for one dose (帯状疱疹: 10 rows + 長期療養特例).
const MAX_OPENS: usize = 12;
/// Days after 0週0日 during which a dose is attributed to a pregnancy (42週6日).
const PREGNANCY_DAYS: u64 = 42 * 7 + 6;
/// Label of doses that fall outside any slot.
const EXTRA: &str = "extra";
/// Label of doses that are not evaluated (after the evaluation date, before birth).
const UNASSIGNED: &str = "unassigned";

/// 評価 (evaluate) a history on `as_of`: every vaccine of the schedule, each
/// dose, the series status and the next dose.
///
/// Doses dated after `as_of` are listed with `after_as_of` and otherwise ignored.
///
/// ```
/// use pmh_core::immunization::{evaluate, History, Status, VaccineId};
/// let h: History = serde_json::from_value(serde_json::json!({
///     "birthDate": "2024-04-01",
///     "doses": [{"vaccine": "dpt-ipv-hib", "date": "2024-05-31"}, {"vaccine": "dpt-ipv-hib", "date": "2024-06-20"}]
/// })).unwrap();
/// let e = evaluate(&h, "2024-06-20".parse().unwrap());
/// let five = e.vaccine(VaccineId::DptIpvHib).unwrap();
/// assert!(five.doses[0].routine);                                  // 生後2月 reached on 2024-05-31
/// assert_eq!(five.doses[1].reasons.codes(), ["too_soon"]);         // 20日以上: allowed from 06-21
/// assert_eq!(five.status, Status::NotYetDue);
/// assert_eq!(five.next.as_ref().unwrap().earliest.to_string(), "2024-06-21");
/// ```
pub fn evaluate(history: &History, as_of: NaiveDate) -> Evaluation {
    let ctx = Ctx::new(history, as_of);
    let mut vaccines = Vec::with_capacity(VACCINES.len());
    let mut doses = Vec::with_capacity(ctx.order.len());
    for v in &VACCINES {
        doses.clear();
        doses.extend(
            ctx.order
                .iter()
                .copied()
                .filter(|&i| history.doses[i].vaccine == v.id),
        );
        vaccines.push(ctx.vaccine(v, &doses));
    }
    Evaluation { as_of, vaccines }
}

/// Evaluates one vaccine only (same rules as [`evaluate`]).
///
/// ```
/// use pmh_core::immunization::{evaluate_vaccine, History, Status, VaccineId};
/// let h: History = serde_json::from_value(serde_json::json!({"birthDate": "2024-04-01", "doses": []})).unwrap();
/// let bcg = evaluate_vaccine(&h, "2024-09-01".parse().unwrap(), VaccineId::Bcg);
/// assert_eq!(bcg.status, Status::Due);
/// assert_eq!(bcg.next.unwrap().latest.unwrap().to_string(), "2025-03-31");
/// ```
pub fn evaluate_vaccine(
    history: &History,
    as_of: NaiveDate,
    vaccine: VaccineId,
) -> VaccineEvaluation {
    let ctx = Ctx::new(history, as_of);
    let doses: Vec<usize> = ctx
        .order
        .iter()
        .copied()
        .filter(|&i| history.doses[i].vaccine == vaccine)
        .collect();
    ctx.vaccine(&VACCINES[vaccine.index()], &doses)
}

/// 27日ルール (the 27-day rule between different vaccines, 定期接種実施要領 since
/// 2020-10-01): an injectable live vaccine given on `later` after an
/// injectable live vaccine of *another* kind on `earlier` needs 27 days in
/// between (`later` ≥ `earlier` + 28). Same day (同時接種) is allowed; oral
/// live (ロタ) and inactivated vaccines have no inter-vaccine interval.
///
/// Returns the first allowed day when `later` is blocked.
///
/// ```
/// use pmh_core::immunization::engine::live_block;
/// use pmh_core::immunization::schedule::Kind;
/// let d = |s: &str| s.parse().unwrap();
/// assert_eq!(live_block(Kind::InjectableLive, d("2025-04-01"), Kind::InjectableLive, d("2025-04-28")), Some(d("2025-04-29")));
/// assert_eq!(live_block(Kind::InjectableLive, d("2025-04-01"), Kind::InjectableLive, d("2025-04-29")), None);
/// assert_eq!(live_block(Kind::InjectableLive, d("2025-04-01"), Kind::InjectableLive, d("2025-04-01")), None);
/// assert_eq!(live_block(Kind::OralLive, d("2025-04-01"), Kind::InjectableLive, d("2025-04-02")), None);
/// ```
pub fn live_block(
    earlier_kind: Kind,
    earlier: NaiveDate,
    later_kind: Kind,
    later: NaiveDate,
) -> Option<NaiveDate> {
    if earlier_kind != Kind::InjectableLive
        || later_kind != Kind::InjectableLive
        || later <= earlier
    {
        return None;
    }
    let allowed = after_days(earlier, 27)?;
    (later < allowed).then_some(allowed)
}

/// The first allowed day after an interval of `span` from `date` (None = beyond the calendar).
pub fn add_span(date: NaiveDate, span: Span) -> Option<NaiveDate> {
    match span {
        Span::Days(n) => after_days(date, n),
        Span::Months(n) => after_months(date, n),
        Span::MonthsHalf(n) => after_months_and_half(date, n),
    }
}

/// A window resolved to dates.
#[derive(Clone, Copy)]
struct Open {
    start: NaiveDate,
    end: NaiveDate,
    special: bool,
    long_term: bool,
}

/// The windows open for one dose (fixed capacity: no allocation).
struct Opens {
    items: [Open; MAX_OPENS],
    len: usize,
}

impl Opens {
    fn new() -> Self {
        let filler = Open {
            start: NaiveDate::MAX,
            end: NaiveDate::MIN,
            special: false,
            long_term: false,
        };
        Opens {
            items: [filler; MAX_OPENS],
            len: 0,
        }
    }
    fn push(&mut self, o: Open) {
        if self.len < MAX_OPENS && o.start <= o.end {
            self.items[self.len] = o;
            self.len += 1;
        }
    }
    fn iter(&self) -> impl Iterator<Item = &Open> {
        self.items[..self.len].iter()
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn contains(&self, date: NaiveDate) -> bool {
        self.iter().any(|o| o.start <= date && date <= o.end)
    }
    fn min_start(&self) -> Option<NaiveDate> {
        self.iter().map(|o| o.start).min()
    }
    fn max_end(&self) -> Option<NaiveDate> {
        self.iter().map(|o| o.end).max()
    }
}

/// Minimum-interval bounds of a slot.
#[derive(Default)]
struct Bounds {
    legal: Option<NaiveDate>,
    physician: Option<NaiveDate>,
    std_from: Option<NaiveDate>,
    std_to: Option<NaiveDate>,
}

/// Progress through a series.
struct Progress {
    filled: [Option<NaiveDate>; MAX_DOSES],
    skipped: [bool; MAX_DOSES],
    slot: usize,
    last: Option<NaiveDate>,
    counted: usize,
}

impl Progress {
    fn new() -> Self {
        Progress {
            filled: [None; MAX_DOSES],
            skipped: [false; MAX_DOSES],
            slot: 0,
            last: None,
            counted: 0,
        }
    }
}

struct Ctx<'h> {
    h: &'h History,
    birth: NaiveDate,
    as_of: NaiveDate,
    /// Dose indices sorted by (date, index).
    order: Vec<usize>,
    /// Injectable live doses: (vaccine, date), birth ≤ date ≤ as_of, in date order.
    live: Vec<(VaccineId, NaiveDate)>,
    /// 5種混合 in use (else 4種混合 + Hib), and whether both kinds appear.
    track5: bool,
    mixed: bool,
    /// Memo of 生後N月に達する日 (the engine asks for the same few ages many times).
    months: MonthsMemo,
}

/// A small direct-mapped memo of `reaches_months(birth, n)`.
struct MonthsMemo {
    slots: [Cell<(u32, Option<NaiveDate>)>; 64],
}

impl MonthsMemo {
    fn new() -> Self {
        MonthsMemo {
            slots: std::array::from_fn(|_| Cell::new((u32::MAX, None))),
        }
    }

    fn get(&self, birth: NaiveDate, n: u32) -> Option<NaiveDate> {
        let slot = &self.slots[(n % 64) as usize];
        let (key, value) = slot.get();
        if key == n {
            return value;
        }
        let value = reaches_months(birth, n);
        slot.set((n, value));
        value
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// `add_span`, with "beyond the calendar" as the latest possible day.
fn add_or_max(date: NaiveDate, span: Span) -> NaiveDate {
    add_span(date, span).unwrap_or(NaiveDate::MAX)
}

impl<'h> Ctx<'h> {
    fn new(h: &'h History, as_of: NaiveDate) -> Self {
        let mut keyed: Vec<(NaiveDate, usize)> = h
            .doses
            .iter()
            .enumerate()
            .map(|(i, d)| (d.date, i))
            .collect();
        keyed.sort_unstable();
        let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
        let birth = h.birth_date;
        let live = order
            .iter()
            .map(|&i| &h.doses[i])
            .filter(|d| d.date >= birth && d.date <= as_of)
            .filter(|d| {
                VACCINES[d.vaccine.index()].kind_of(d.product.as_deref()) == Kind::InjectableLive
            })
            .map(|d| (d.vaccine, d.date))
            .collect();
        let given = |v: VaccineId| h.doses.iter().any(|d| d.vaccine == v && d.date <= as_of);
        let has5 = given(VaccineId::DptIpvHib);
        let has4 = given(VaccineId::Hib) || given(VaccineId::DptIpv);
        let track5 = if has5 || has4 {
            has5
        } else {
            as_of >= NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or(NaiveDate::MIN)
        };
        Ctx {
            h,
            birth,
            as_of,
            order,
            live,
            track5,
            mixed: has5 && has4,
            months: MonthsMemo::new(),
        }
    }

    fn resolve(&self, age: Age, pregnancy: Option<NaiveDate>) -> Option<NaiveDate> {
        let b = self.birth;
        match age {
            Age::Birth => Some(b),
            Age::Months(n) => self.months.get(b, n),
            Age::Years(n) => self.months.get(b, n.checked_mul(12)?),
            Age::WeeksDays(w, d) => weeks_days_after(b, w, d),
            Age::FyStartReaching(n) => {
                fiscal_year_start(fiscal_year(self.months.get(b, n.checked_mul(12)?)?))
            }
            Age::FyEndReaching(n) => {
                fiscal_year_end(fiscal_year(self.months.get(b, n.checked_mul(12)?)?))
            }
            // 就学前1年 = the fiscal year in which the child reaches 6 (school entry is the next April 1).
            Age::PreSchoolYearStart => fiscal_year_start(fiscal_year(self.months.get(b, 72)?)),
            Age::PreSchoolYearEnd => fiscal_year_end(fiscal_year(self.months.get(b, 72)?)),
            Age::Gestation(w, d) => weeks_days_after(pregnancy?, w, d),
        }
    }

    fn has_condition(&self, code: ConditionCode) -> bool {
        self.h.conditions.iter().any(|c| c.code == code)
    }

    /// 対象者か (is the person in the target population of `v` at all).
    fn applicable(&self, v: &Vaccine) -> bool {
        if v.sex == SexRule::Female && self.h.sex == Some(Sex::Male) {
            return false;
        }
        if v.born_from.is_some_and(|b| self.birth < b) {
            return false;
        }
        let excluded = self.h.conditions.iter().any(|c| match c.code {
            // 施行令 第3条: a past infection does not exclude influenza or COVID-19.
            ConditionCode::DiseaseHistory => {
                !c.vaccines.is_empty()
                    && c.concerns(v.id)
                    && !matches!(v.id, VaccineId::InfluenzaElderly | VaccineId::Covid19)
            }
            ConditionCode::Contraindication => !c.vaccines.is_empty() && c.concerns(v.id),
            ConditionCode::HepbPerinatal => v.id == VaccineId::Hepb,
            _ => false,
        });
        if excluded {
            return false;
        }
        match v.id {
            VaccineId::Hib | VaccineId::DptIpv => !self.track5 || self.mixed,
            VaccineId::DptIpvHib => self.track5,
            _ => true,
        }
    }

    fn requirement_met(&self, r: Requirement, vdoses: &[usize]) -> bool {
        match r {
            Requirement::SevereDisability => {
                self.has_condition(ConditionCode::SevereDisability)
                    || self.has_condition(ConditionCode::HivImmuneDisability)
            }
            Requirement::HivImmuneDisability => {
                self.has_condition(ConditionCode::HivImmuneDisability)
            }
            Requirement::PriorDoseBetween(from, to) => vdoses.iter().any(|&i| {
                let d = self.h.doses[i].date;
                from <= d && d <= to && d <= self.as_of && d >= self.birth
            }),
        }
    }

    /// The windows of `spec` for this person, resolved to dates, plus 長期療養特例.
    fn opens(
        &self,
        v: &Vaccine,
        spec: &DoseSpec,
        vdoses: &[usize],
        pregnancy: Option<NaiveDate>,
    ) -> Opens {
        let mut out = Opens::new();
        for w in spec.windows {
            if w.born
                .is_some_and(|(from, to)| self.birth < from || self.birth > to)
            {
                continue;
            }
            if w.requires.is_some_and(|r| !self.requirement_met(r, vdoses)) {
                continue;
            }
            let Some(mut start) = self.resolve(w.from, pregnancy) else {
                continue;
            };
            let mut end = match w.to {
                None => NaiveDate::MAX,
                Some(a) => match self.resolve(a, pregnancy) {
                    Some(d) => d,
                    None => continue,
                },
            };
            if let Some(f) = w.given_from {
                start = start.max(f);
            }
            if let Some(t) = w.given_to {
                end = end.min(t);
            }
            out.push(Open {
                start,
                end,
                special: w.special,
                long_term: false,
            });
        }
        if let (Some(lt), Some(first)) = (v.long_term, spec.windows.first()) {
            for c in &self.h.conditions {
                if c.code != ConditionCode::LongTermIllness || !c.concerns(v.id) {
                    continue;
                }
                let (Some(resolved), Some(start)) =
                    (c.resolved, self.resolve(first.from, pregnancy))
                else {
                    continue;
                };
                let Some(mut end) = reaches_years(resolved, lt.years) else {
                    continue;
                };
                if let Some(cap) = lt.cap {
                    match self.resolve(cap, pregnancy) {
                        Some(c) => end = end.min(c),
                        None => continue,
                    }
                }
                out.push(Open {
                    start,
                    end,
                    special: false,
                    long_term: true,
                });
            }
        }
        out
    }

    fn vaccine(&self, v: &'static Vaccine, vdoses: &[usize]) -> VaccineEvaluation {
        let applicable = self.applicable(v);
        match v.recurrence {
            Recurrence::Once => self.once(v, vdoses, applicable),
            Recurrence::Seasonal { standard_to } => {
                self.seasonal(v, vdoses, applicable, standard_to)
            }
            Recurrence::PerPregnancy => self.per_pregnancy(v, vdoses, applicable),
        }
    }

    /// The series for these doses: products first, then the age at the first dose.
    fn select_series(&self, v: &'static Vaccine, vdoses: &[usize]) -> &'static Series {
        let in_range = |i: &&usize| {
            let d = self.h.doses[**i].date;
            d >= self.birth && d <= self.as_of
        };
        let start = vdoses
            .iter()
            .find(in_range)
            .map_or(self.as_of, |&i| self.h.doses[i].date);
        let known = || {
            vdoses
                .iter()
                .filter(in_range)
                .filter_map(|&i| self.h.doses[i].product.as_deref())
                .filter(|p| v.product(p).is_some())
        };
        let starts_ok = |s: &Series| {
            s.start_until
                .is_none_or(|a| self.resolve(a, None).is_some_and(|d| start <= d))
        };
        let products_ok = |s: &Series| {
            s.products.is_empty()
                || (known().all(|p| s.products.contains(&p) || s.accepts.contains(&p))
                    && (known().next().is_none() || known().any(|p| s.products.contains(&p))))
        };
        if let Some(s) = v.series.iter().find(|s| products_ok(s) && starts_ok(s)) {
            return s;
        }
        // A forbidden mix (e.g. ロタ 1価 → 5価): the series of the first product.
        let first = known().next();
        v.series
            .iter()
            .find(|s| starts_ok(s) && first.is_some_and(|p| s.products.contains(&p)))
            .or_else(|| v.series.iter().find(|s| starts_ok(s)))
            .unwrap_or(&v.series[v.series.len() - 1])
    }

    fn interval_bounds(&self, spec: &DoseSpec, slot: usize, p: &Progress) -> Bounds {
        let mut b = Bounds::default();
        let truncated = p.skipped[..slot.min(MAX_DOSES)].iter().any(|&s| s);
        let gap_bounds = |b: &mut Bounds, base: NaiveDate, gap: Gap| {
            b.legal = max_opt(b.legal, Some(add_or_max(base, gap.min)));
            b.physician = max_opt(
                b.physician,
                Some(add_or_max(base, gap.physician_min.unwrap_or(gap.min))),
            );
        };
        if let (true, Some(gap), Some(last)) = (truncated, spec.after_truncated, p.last) {
            gap_bounds(&mut b, last, gap);
            return b;
        }
        for iv in spec.intervals {
            let base = match p.filled.get(iv.from).copied().flatten() {
                Some(d) => d,
                None => match p.last {
                    Some(d) => d,
                    None => continue,
                },
            };
            gap_bounds(&mut b, base, iv.gap);
            if let Some((from, to)) = iv.standard {
                b.std_from = max_opt(b.std_from, Some(add_or_max(base, from)));
                if let Some(to) = to {
                    b.std_to = min_opt(b.std_to, Some(add_or_max(base, to)));
                }
            }
        }
        b
    }

    /// Whether the current slot (`p.slot`) is skipped for a dose on `date` (`forecast`: for the next dose on `date` = as_of).
    fn skippable(
        &self,
        series: &Series,
        slot_opens: &[Opens],
        date: NaiveDate,
        p: &Progress,
        forecast: bool,
    ) -> bool {
        let slot = p.slot;
        let Some(spec) = series.doses.get(slot) else {
            return false;
        };
        if spec
            .skip_after
            .is_some_and(|a| self.resolve(a, None).is_none_or(|d| date > d))
        {
            return true;
        }
        match spec.skip_if {
            Some(Skip::GivenAfter { dose, age }) => {
                if let (Some(given), Some(limit)) = (
                    p.filled.get(dose).copied().flatten(),
                    self.resolve(age, None),
                ) {
                    if given > limit {
                        return true;
                    }
                }
            }
            Some(Skip::IntervalAtLeast { from, to, span }) => {
                if let (Some(a), Some(b)) = (
                    p.filled.get(from).copied().flatten(),
                    p.filled.get(to).copied().flatten(),
                ) {
                    if b >= add_or_max(a, span) {
                        return true;
                    }
                }
            }
            None => {}
        }
        // The window has passed and a later dose's window is (still) open.
        let Some(opens) = slot_opens.get(slot) else {
            return false;
        };
        if opens.is_empty() || opens.max_end().is_some_and(|e| e >= date) {
            return false;
        }
        slot_opens
            .get(slot + 1..series.doses.len())
            .unwrap_or(&[])
            .iter()
            .any(|o| {
                if forecast {
                    o.max_end().is_some_and(|e| e >= date)
                } else {
                    o.contains(date)
                }
            })
    }

    /// Checks `date` against the windows: reasons and notes.
    fn check_window(
        &self,
        v: &Vaccine,
        opens: &Opens,
        date: NaiveDate,
        reasons: &mut Reasons,
        notes: &mut Reasons,
    ) {
        let mut best: Option<&Open> = None;
        for o in opens.iter().filter(|o| o.start <= date && date <= o.end) {
            // Prefer the ordinary window, then a special cohort, then 長期療養特例.
            let rank = |o: &Open| u8::from(o.special) + 2 * u8::from(o.long_term);
            if best.is_none_or(|b| rank(o) < rank(b)) {
                best = Some(o);
            }
        }
        match best {
            Some(o) if o.long_term => notes.insert(Reason::LongTermException),
            Some(o) if o.special => notes.insert(Reason::SpecialCohort),
            Some(_) => {}
            None => match opens.min_start() {
                Some(s) if date < s => reasons.insert(if v.prior_doses_count {
                    Reason::BeforeWindow
                } else {
                    Reason::TooYoung
                }),
                _ => reasons.insert(Reason::TooOld),
            },
        }
    }

    /// Product rules: routine product on the date, no forbidden switch, fits the series.
    fn check_product(
        &self,
        v: &Vaccine,
        series: &Series,
        product: Option<&str>,
        previous: Option<&str>,
        date: NaiveDate,
        reasons: &mut Reasons,
    ) {
        let Some(p) = product else { return };
        match v.product(p) {
            None if !v.products.is_empty() => reasons.insert(Reason::ProductNotRoutine),
            None => {}
            Some(row) => {
                if row.routine_from.is_some_and(|f| date < f)
                    || row.routine_to.is_some_and(|t| date > t)
                {
                    reasons.insert(Reason::ProductNotRoutine);
                }
                if !series.products.is_empty()
                    && !series.products.contains(&p)
                    && !series.accepts.contains(&p)
                {
                    reasons.insert(Reason::ProductSwitch);
                }
            }
        }
        if let Some(prev) = previous {
            if prev != p && v.switch_forbidden.contains(&(prev, p)) {
                reasons.insert(Reason::ProductSwitch);
            }
        }
    }

    /// The 27-day rule for a dose of `v` (kind `kind`) on `date`.
    fn live_blocked(&self, v: &Vaccine, kind: Kind, date: NaiveDate) -> bool {
        kind == Kind::InjectableLive
            && self.live.iter().any(|&(other, l)| {
                other != v.id && live_block(Kind::InjectableLive, l, kind, date).is_some()
            })
    }

    /// Forecast adjustment for the 27-day rule: when the earliest day (or,
    /// if already past, the evaluation date) falls in a 27-day block, move
    /// `earliest` to the end of the block.
    fn live_earliest(&self, v: &Vaccine, kind: Kind, mut earliest: NaiveDate) -> NaiveDate {
        if kind != Kind::InjectableLive {
            return earliest;
        }
        for &(other, l) in &self.live {
            if other == v.id {
                continue;
            }
            let probe = earliest.max(self.as_of);
            if let Some(allowed) = live_block(Kind::InjectableLive, l, kind, probe) {
                earliest = earliest.max(allowed);
            }
        }
        earliest
    }

    /// Reasons shared by every recurrence: dates outside the evaluation.
    fn out_of_range(&self, date: NaiveDate) -> Option<Reason> {
        if date > self.as_of {
            Some(Reason::AfterAsOf)
        } else if date < self.birth {
            Some(Reason::BeforeBirth)
        } else {
            None
        }
    }

    fn unassigned(index: usize, date: NaiveDate, r: Reason) -> DoseEvaluation {
        let mut reasons = Reasons::EMPTY;
        reasons.insert(r);
        DoseEvaluation {
            index,
            date,
            dose: UNASSIGNED,
            routine: false,
            counted: false,
            reasons,
            notes: Reasons::EMPTY,
        }
    }

    fn finish(
        index: usize,
        date: NaiveDate,
        dose: &'static str,
        reasons: Reasons,
        notes: Reasons,
    ) -> DoseEvaluation {
        let counted = !reasons.iter().any(Reason::uncounts);
        DoseEvaluation {
            index,
            date,
            dose,
            routine: reasons.is_empty(),
            counted,
            reasons,
            notes,
        }
    }

    /// A series given once in a lifetime.
    fn once(&self, v: &'static Vaccine, vdoses: &[usize], applicable: bool) -> VaccineEvaluation {
        let series = self.select_series(v, vdoses);
        let specs = &series.doses[..series.doses.len().min(MAX_DOSES)];
        // The windows of each dose depend only on the person and this vaccine's doses: resolve them once.
        let slot_opens: Vec<Opens> = specs
            .iter()
            .map(|spec| self.opens(v, spec, vdoses, None))
            .collect();
        let mut p = Progress::new();
        let mut last_product: Option<&str> = None;
        let mut doses = Vec::with_capacity(vdoses.len());
        for &i in vdoses {
            let d = &self.h.doses[i];
            let date = d.date;
            if let Some(r) = self.out_of_range(date) {
                doses.push(Self::unassigned(i, date, r));
                continue;
            }
            while p.slot < specs.len() && self.skippable(series, &slot_opens, date, &p, false) {
                p.skipped[p.slot] = true;
                p.slot += 1;
            }
            let (mut reasons, mut notes) = (Reasons::EMPTY, Reasons::EMPTY);
            if !applicable {
                reasons.insert(Reason::NotApplicable);
            }
            let Some(spec) = specs.get(p.slot) else {
                reasons.insert(Reason::ExtraDose);
                doses.push(Self::finish(i, date, EXTRA, reasons, notes));
                continue;
            };
            if v.routine_from.is_some_and(|f| date < f) {
                reasons.insert(Reason::NotInEffect);
            }
            self.check_window(v, &slot_opens[p.slot], date, &mut reasons, &mut notes);
            let b = self.interval_bounds(spec, p.slot, &p);
            if b.physician.is_some_and(|e| date < e) {
                reasons.insert(Reason::TooSoon);
            } else if b.legal.is_some_and(|e| date < e) {
                notes.insert(Reason::PhysicianInterval);
            }
            let product = d.product.as_deref();
            if self.live_blocked(v, v.kind_of(product), date) {
                reasons.insert(Reason::LiveInterval);
            }
            self.check_product(v, series, product, last_product, date, &mut reasons);
            if reasons.is_empty() && self.outside_standard(spec, &b, date) {
                notes.insert(Reason::OutsideStandard);
            }
            let e = Self::finish(i, date, spec.label, reasons, notes);
            if e.counted {
                p.filled[p.slot] = Some(date);
                p.slot += 1;
                p.last = Some(date);
                p.counted += 1;
                last_product = product.or(last_product);
            }
            doses.push(e);
        }
        let (status, next) = if applicable {
            self.forecast_once(v, series, specs, &slot_opens, &mut p, last_product)
        } else {
            (Status::NotApplicable, None)
        };
        VaccineEvaluation {
            vaccine: v.id,
            class: v.class,
            series: series.id,
            status,
            doses,
            next,
        }
    }

    fn outside_standard(&self, spec: &DoseSpec, b: &Bounds, date: NaiveDate) -> bool {
        if let Some((from, to)) = spec.standard {
            let (f, t) = (self.resolve(from, None), self.resolve(to, None));
            if f.is_some_and(|f| date < f) || t.is_some_and(|t| date > t) {
                return true;
            }
        }
        b.std_from.is_some_and(|f| date < f) || b.std_to.is_some_and(|t| date > t)
    }

    fn forecast_once(
        &self,
        v: &Vaccine,
        series: &Series,
        specs: &[DoseSpec],
        slot_opens: &[Opens],
        p: &mut Progress,
        last_product: Option<&str>,
    ) -> (Status, Option<NextDose>) {
        let kind = v.kind_of(last_product.or_else(|| series.products.first().copied()));
        loop {
            while p.slot < specs.len() && self.skippable(series, slot_opens, self.as_of, p, true) {
                p.skipped[p.slot] = true;
                p.slot += 1;
            }
            let Some(spec) = specs.get(p.slot) else {
                return (
                    if p.counted > 0 {
                        Status::Complete
                    } else {
                        Status::AgedOut
                    },
                    None,
                );
            };
            let b = self.interval_bounds(spec, p.slot, p);
            let routine_from = v.routine_from.filter(|&f| f > self.birth);
            let base =
                max_opt(max_opt(b.legal, routine_from), Some(self.birth)).unwrap_or(self.birth);
            let base = self.live_earliest(v, kind, base);
            let Some(opens) = slot_opens.get(p.slot) else {
                return (Status::AgedOut, None);
            };
            let floor = base.max(self.as_of);
            let chosen = opens
                .iter()
                .filter(|o| o.end >= floor)
                .min_by_key(|o| o.start.max(base));
            let Some(o) = chosen else {
                return (Status::AgedOut, None);
            };
            let earliest = o.start.max(base);
            let mut latest = opens
                .iter()
                .filter(|x| x.start <= earliest && x.end >= earliest)
                .map(|x| x.end)
                .max()
                .unwrap_or(o.end);
            if let Some(limit) = spec.skip_after.and_then(|a| self.resolve(a, None)) {
                if limit < earliest {
                    // Cannot be given in time (Hib 初回 after 生後12月): skip it.
                    p.skipped[p.slot] = true;
                    p.slot += 1;
                    continue;
                }
                latest = latest.min(limit);
            }
            let status = if earliest <= self.as_of {
                Status::Due
            } else if o.start > self.as_of || routine_from.is_some_and(|f| f > self.as_of) {
                Status::NotYetEligible
            } else {
                Status::NotYetDue
            };
            let (mut rec_from, mut rec_to) = (b.std_from, b.std_to);
            if let Some((from, to)) = spec.standard {
                rec_from = max_opt(rec_from, self.resolve(from, None));
                rec_to = min_opt(rec_to, self.resolve(to, None));
            }
            let (rec_from, rec_to) = recommended(rec_from, rec_to, earliest, latest);
            let latest = (latest != NaiveDate::MAX).then_some(latest);
            return (
                status,
                Some(NextDose {
                    dose: spec.label,
                    earliest,
                    recommended_from: rec_from,
                    recommended_to: rec_to,
                    latest,
                }),
            );
        }
    }

    /// One dose per season (年度), October 1 – March 31.
    fn seasonal(
        &self,
        v: &'static Vaccine,
        vdoses: &[usize],
        applicable: bool,
        standard_to: Option<(u32, u32)>,
    ) -> VaccineEvaluation {
        let series = self.select_series(v, vdoses);
        let spec = &series.doses[0];
        let opens = self.opens(v, spec, vdoses, None);
        let mut seasons: Vec<i32> = Vec::new();
        let mut doses = Vec::with_capacity(vdoses.len());
        for &i in vdoses {
            let d = &self.h.doses[i];
            let date = d.date;
            if let Some(r) = self.out_of_range(date) {
                doses.push(Self::unassigned(i, date, r));
                continue;
            }
            let (mut reasons, mut notes) = (Reasons::EMPTY, Reasons::EMPTY);
            if !applicable {
                reasons.insert(Reason::NotApplicable);
            }
            if v.routine_from.is_some_and(|f| date < f) {
                reasons.insert(Reason::NotInEffect);
            }
            self.check_window(v, &opens, date, &mut reasons, &mut notes);
            if (4..=9).contains(&date.month()) {
                reasons.insert(Reason::OutOfSeason);
            }
            let fy = fiscal_year(date);
            if seasons.contains(&fy) {
                reasons.insert(Reason::ExtraDose);
            }
            self.check_product(v, series, d.product.as_deref(), None, date, &mut reasons);
            let e = Self::finish(i, date, spec.label, reasons, notes);
            if e.counted {
                seasons.push(fy);
            }
            doses.push(e);
        }
        let (status, next) = if applicable {
            self.forecast_season(v, spec, &opens, &seasons, standard_to)
        } else {
            (Status::NotApplicable, None)
        };
        VaccineEvaluation {
            vaccine: v.id,
            class: v.class,
            series: series.id,
            status,
            doses,
            next,
        }
    }

    fn forecast_season(
        &self,
        v: &Vaccine,
        spec: &DoseSpec,
        opens: &Opens,
        seasons: &[i32],
        standard_to: Option<(u32, u32)>,
    ) -> (Status, Option<NextDose>) {
        let fy_now = fiscal_year(self.as_of);
        let done = seasons.contains(&fy_now);
        let target = if done {
            fy_now.saturating_add(1)
        } else {
            fy_now
        };
        let Some(target_start) = NaiveDate::from_ymd_opt(target, 10, 1) else {
            return (Status::AgedOut, None);
        };
        let routine_from = v.routine_from.unwrap_or(NaiveDate::MIN);
        let mut best: Option<(NaiveDate, NaiveDate, NaiveDate)> = None; // (start, end, age start)
        for o in opens.iter() {
            let a = o.start.max(target_start).max(routine_from);
            // The season containing a, or the next one.
            let (start, fy) = match a.month() {
                10..=12 => (Some(a), a.year()),
                1..=3 => (Some(a), a.year() - 1),
                _ => (NaiveDate::from_ymd_opt(a.year(), 10, 1), a.year()),
            };
            let (Some(start), Some(season_end)) = (start, fiscal_year_end(fy)) else {
                continue;
            };
            let end = o.end.min(season_end);
            if start <= end && end >= self.as_of && best.is_none_or(|b| start < b.0) {
                best = Some((start, end, o.start.max(routine_from)));
            }
        }
        let Some((earliest, latest, age_start)) = best else {
            return (
                if done {
                    Status::Complete
                } else {
                    Status::AgedOut
                },
                None,
            );
        };
        let status = if done {
            Status::Complete
        } else if earliest <= self.as_of {
            Status::Due
        } else if age_start > self.as_of {
            Status::NotYetEligible
        } else {
            Status::NotYetDue
        };
        let (rec_from, rec_to) = match standard_to {
            Some((m, d)) => {
                let fy = fiscal_year(earliest);
                let year = if m >= 4 { fy } else { fy.saturating_add(1) };
                recommended(
                    Some(earliest),
                    NaiveDate::from_ymd_opt(year, m, d),
                    earliest,
                    latest,
                )
            }
            None => (None, None),
        };
        let latest = (latest != NaiveDate::MAX).then_some(latest);
        (
            status,
            Some(NextDose {
                dose: spec.label,
                earliest,
                recommended_from: rec_from,
                recommended_to: rec_to,
                latest,
            }),
        )
    }

    /// One dose per pregnancy (RSV 母子免疫).
    fn per_pregnancy(
        &self,
        v: &'static Vaccine,
        vdoses: &[usize],
        applicable: bool,
    ) -> VaccineEvaluation {
        let series = self.select_series(v, vdoses);
        let spec = &series.doses[0];
        let mut pregnancies: Vec<NaiveDate> = self
            .h
            .conditions
            .iter()
            .filter(|c| c.code == ConditionCode::Pregnancy)
            .filter_map(|c| c.pregnancy_start())
            .collect();
        pregnancies.sort_unstable();
        let applicable = applicable && !pregnancies.is_empty();
        let covering = |date: NaiveDate| {
            pregnancies.iter().rev().copied().find(|&s| {
                s <= date
                    && s.checked_add_days(chrono::Days::new(PREGNANCY_DAYS))
                        .is_none_or(|e| date <= e)
            })
        };
        let mut done: Vec<NaiveDate> = Vec::new();
        let mut doses = Vec::with_capacity(vdoses.len());
        for &i in vdoses {
            let d = &self.h.doses[i];
            let date = d.date;
            if let Some(r) = self.out_of_range(date) {
                doses.push(Self::unassigned(i, date, r));
                continue;
            }
            let (mut reasons, mut notes) = (Reasons::EMPTY, Reasons::EMPTY);
            if !applicable && self.h.sex == Some(Sex::Male) {
                reasons.insert(Reason::NotApplicable);
            }
            let Some(preg) = covering(date) else {
                reasons.insert(Reason::NoPregnancy);
                doses.push(Self::finish(i, date, spec.label, reasons, notes));
                continue;
            };
            if v.routine_from.is_some_and(|f| date < f) {
                reasons.insert(Reason::NotInEffect);
            }
            let opens = self.opens(v, spec, vdoses, Some(preg));
            self.check_window(v, &opens, date, &mut reasons, &mut notes);
            if done.contains(&preg) {
                reasons.insert(Reason::ExtraDose);
            }
            self.check_product(v, series, d.product.as_deref(), None, date, &mut reasons);
            let e = Self::finish(i, date, spec.label, reasons, notes);
            if e.counted {
                done.push(preg);
            }
            doses.push(e);
        }
        let (status, next) = match pregnancies.last() {
            Some(&preg) if applicable => {
                if done.contains(&preg) {
                    (Status::Complete, None)
                } else {
                    let opens = self.opens(v, spec, vdoses, Some(preg));
                    let routine_from = v.routine_from.unwrap_or(NaiveDate::MIN);
                    let found = opens
                        .iter()
                        .find(|o| o.end >= self.as_of && o.end >= routine_from)
                        .copied();
                    match found {
                        None => (Status::AgedOut, None),
                        Some(o) => {
                            let earliest = o.start.max(routine_from);
                            let status = if earliest <= self.as_of {
                                Status::Due
                            } else {
                                Status::NotYetEligible
                            };
                            let latest = (o.end != NaiveDate::MAX).then_some(o.end);
                            (
                                status,
                                Some(NextDose {
                                    dose: spec.label,
                                    earliest,
                                    recommended_from: None,
                                    recommended_to: None,
                                    latest,
                                }),
                            )
                        }
                    }
                }
            }
            _ => (Status::NotApplicable, None),
        };
        VaccineEvaluation {
            vaccine: v.id,
            class: v.class,
            series: series.id,
            status,
            doses,
            next,
        }
    }
}

/// The standard period clipped to the legal one; `None` when there is no standard or it is empty.
fn recommended(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    earliest: NaiveDate,
    latest: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    if from.is_none() && to.is_none() {
        return (None, None);
    }
    let f = from.unwrap_or(earliest).max(earliest);
    let t = to.unwrap_or(latest).min(latest);
    if f > t {
        return (None, None);
    }
    (Some(f), (t != NaiveDate::MAX).then_some(t))
}
