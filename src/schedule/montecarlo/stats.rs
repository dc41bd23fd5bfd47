//! The statistics of SPEC §5: percentile dates, probabilities, Spearman's rank correlation.

/// The smallest value such that at least `percent`% of `sorted` are at or below it.
pub fn percentile(sorted: &[i64], percent: u64) -> i64 {
    let n = sorted.len() as u64;
    // At least percent/100 of n: the ceil(percent·n/100)-th smallest (integer arithmetic).
    let k = (percent * n).div_ceil(100).max(1);
    sorted[(k - 1) as usize]
}

/// Average ranks (1-based; ties share the mean of their ranks).
pub fn average_ranks<T: PartialOrd + Copy>(values: &[T]) -> Vec<f64> {
    let mut ranks = Vec::new();
    average_ranks_into(values, &mut Vec::new(), &mut ranks);
    ranks
}

/// [`average_ranks`] into `ranks`, with `idx` as scratch (both reused by the caller).
pub fn average_ranks_into<T: PartialOrd + Copy>(
    values: &[T],
    idx: &mut Vec<u32>,
    ranks: &mut Vec<f64>,
) {
    idx.clear();
    idx.extend(0..values.len() as u32);
    idx.sort_unstable_by(|&a, &b| {
        values[a as usize]
            .partial_cmp(&values[b as usize])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    ranks.clear();
    ranks.resize(values.len(), 0.0);
    let mut i = 0;
    while i < idx.len() {
        let mut j = i + 1;
        while j < idx.len() && values[idx[j] as usize] == values[idx[i] as usize] {
            j += 1;
        }
        // Positions i..j (0-based) hold ranks i+1..=j: their mean is (i + 1 + j) / 2.
        let rank = (i + 1 + j) as f64 / 2.0;
        for &k in &idx[i..j] {
            ranks[k as usize] = rank;
        }
        i = j;
    }
}

/// Pearson's correlation; `None` when either side never varies.
pub fn correlation(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len() as f64;
    if a.is_empty() {
        return None;
    }
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    (saa > 0.0 && sbb > 0.0).then(|| (sab / (saa * sbb).sqrt()).clamp(-1.0, 1.0))
}

/// Counts of `sorted` in `bins` equal-width bins from its least to its greatest value.
pub fn histogram(sorted: &[i64], bins: usize) -> Vec<u32> {
    let mut out = vec![0u32; bins];
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return out;
    };
    let width = (hi - lo + 1) as f64 / bins as f64;
    for &v in sorted {
        let b = (((v - lo) as f64) / width) as usize;
        out[b.min(bins - 1)] += 1;
    }
    out
}

/// A share to four decimals, as printed (the JSON stays stable across platforms).
pub fn share(count: i64, n: u64) -> f64 {
    round4(count as f64 / n as f64)
}

pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_follow_the_definition() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&v, 10), 1);
        assert_eq!(percentile(&v, 50), 5);
        assert_eq!(percentile(&v, 80), 8);
        assert_eq!(percentile(&v, 90), 9);
        assert_eq!(percentile(&[4], 10), 4);
        // 3 values: P50 needs 1.5 of them, so the 2nd.
        assert_eq!(percentile(&[1, 2, 3], 50), 2);
    }

    #[test]
    fn ties_share_average_ranks() {
        assert_eq!(average_ranks(&[10, 20, 20, 5]), vec![2.0, 3.5, 3.5, 1.0]);
    }

    #[test]
    fn correlation_of_monotone_and_constant() {
        let a = [1.0, 2.0, 3.0];
        assert_eq!(correlation(&a, &[2.0, 4.0, 6.0]), Some(1.0));
        assert_eq!(correlation(&a, &[3.0, 2.0, 1.0]), Some(-1.0));
        assert_eq!(correlation(&a, &[1.0, 1.0, 1.0]), None);
    }
}
