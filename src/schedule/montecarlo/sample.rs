//! Random numbers for the simulation: one counter-based stream per (seed, iteration,
//! item or risk), so every draw is fixed by its inputs alone — never by the thread
//! that makes it — and the factor distributions of SPEC §5 (PERT, triangular, uniform).
use crate::model::Distribution;

/// SplitMix64's finaliser: a bijective 64-bit mixer.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream key of an id (FNV-1a, then mixed): an item's or risk's draws depend on
/// its id, not on its position, so adding or removing one leaves the others' draws alone.
pub fn key_of(id: &str) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
    }
    mix(h)
}

/// A SplitMix64 stream (and the second normal of the last polar pair).
pub struct Stream(u64, Option<f64>);

impl Stream {
    /// The stream of `key` in iteration `iteration` under `seed`.
    pub fn new(seed: u64, iteration: u64, key: u64) -> Stream {
        let state = mix(seed ^ mix(key ^ mix(iteration.wrapping_add(0x9E37_79B9_7F4A_7C15))));
        Stream(state, None)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform on [0, 1), 53 bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform on (0, 1].
    fn open_uniform(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// A standard normal draw (Marsaglia's polar method: a pair per accepted point,
    /// the second kept for the next call).
    fn normal(&mut self) -> f64 {
        if let Some(z) = self.1.take() {
            return z;
        }
        loop {
            let x = 2.0 * self.uniform() - 1.0;
            let y = 2.0 * self.uniform() - 1.0;
            let r2 = x * x + y * y;
            if r2 > 0.0 && r2 < 1.0 {
                let scale = (-2.0 * r2.ln() / r2).sqrt();
                self.1 = Some(y * scale);
                return x * scale;
            }
        }
    }
}

/// Gamma(alpha, 1) for alpha >= 1 (Marsaglia and Tsang), its constants prepared once.
#[derive(Clone, Copy, Debug)]
struct Gamma {
    d: f64,
    c: f64,
}

impl Gamma {
    fn new(alpha: f64) -> Gamma {
        let d = alpha - 1.0 / 3.0;
        Gamma {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    fn draw(&self, rng: &mut Stream) -> f64 {
        loop {
            let x = rng.normal();
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = rng.open_uniform();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 || u.ln() < 0.5 * x2 + self.d * (1.0 - v + v.ln()) {
                return self.d * v;
            }
        }
    }
}

/// The distribution of one item's duration factor: mode 1 on [a, b] (SPEC §5).
#[derive(Clone, Copy, Debug)]
pub enum Factor {
    /// a + (b - a) · Beta(alpha, beta).
    Pert {
        a: f64,
        width: f64,
        gammas: Gamma2,
    },
    Triangular {
        a: f64,
        b: f64,
    },
    Uniform {
        a: f64,
        b: f64,
    },
}

/// The two Gammas whose ratio is the PERT Beta.
#[derive(Clone, Copy, Debug)]
pub struct Gamma2(Gamma, Gamma);

impl Factor {
    /// The factor on [a, b] (a <= 1 <= b, a < b) drawn from `distribution`.
    pub fn new(distribution: Distribution, a: f64, b: f64) -> Factor {
        match distribution {
            Distribution::Pert => {
                let width = b - a;
                let alpha = 1.0 + 4.0 * (1.0 - a) / width;
                let beta = 1.0 + 4.0 * (b - 1.0) / width;
                Factor::Pert {
                    a,
                    width,
                    gammas: Gamma2(Gamma::new(alpha), Gamma::new(beta)),
                }
            }
            Distribution::Triangular => Factor::Triangular { a, b },
            Distribution::Uniform => Factor::Uniform { a, b },
        }
    }

    #[inline]
    pub fn draw(&self, rng: &mut Stream) -> f64 {
        match *self {
            Factor::Pert {
                a,
                width,
                gammas: Gamma2(ga, gb),
            } => {
                let x = ga.draw(rng);
                let y = gb.draw(rng);
                a + width * (x / (x + y))
            }
            Factor::Triangular { a, b } => {
                let u = rng.uniform();
                let cut = (1.0 - a) / (b - a);
                if u < cut {
                    a + (u * (b - a) * (1.0 - a)).sqrt()
                } else {
                    b - ((1.0 - u) * (b - a) * (b - 1.0)).sqrt()
                }
            }
            Factor::Uniform { a, b } => a + (b - a) * rng.uniform(),
        }
    }
}

/// The sampled length of `work` working days under factor `x`: max(1, floor(work·x + 0.5)).
pub fn scaled(work: i64, x: f64) -> i64 {
    ((work as f64 * x + 0.5).floor() as i64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(f: Factor) -> (f64, f64, f64, f64) {
        let n = 200_000;
        let (mut sum, mut sq, mut lo, mut hi) = (0.0, 0.0, f64::MAX, f64::MIN);
        for i in 0..n {
            let x = f.draw(&mut Stream::new(7, i, 99));
            sum += x;
            sq += x * x;
            lo = lo.min(x);
            hi = hi.max(x);
        }
        let mean = sum / n as f64;
        (mean, sq / n as f64 - mean * mean, lo, hi)
    }

    #[test]
    fn pert_has_the_textbook_mean_and_variance() {
        // PERT on [a, b] with mode m: mean (a + 4m + b) / 6; Beta variance
        // αβ / ((α+β)²(α+β+1)) scaled by (b - a)².
        let (a, b) = (0.8, 2.0);
        let (mean, var, lo, hi) = moments(Factor::new(Distribution::Pert, a, b));
        let (al, be) = (
            1.0 + 4.0 * (1.0 - a) / (b - a),
            1.0 + 4.0 * (b - 1.0) / (b - a),
        );
        let want_var = al * be / ((al + be).powi(2) * (al + be + 1.0)) * (b - a) * (b - a);
        assert!((mean - (a + 4.0 + b) / 6.0).abs() < 0.003, "{mean}");
        assert!((var - want_var).abs() < 0.002, "{var} vs {want_var}");
        assert!(lo >= a && hi <= b);
    }

    #[test]
    fn triangular_and_uniform_means() {
        let (mean, _, lo, hi) = moments(Factor::new(Distribution::Triangular, 0.5, 2.0));
        assert!((mean - (0.5 + 1.0 + 2.0) / 3.0).abs() < 0.005, "{mean}");
        assert!(lo >= 0.5 && hi <= 2.0);
        let (mean, var, _, _) = moments(Factor::new(Distribution::Uniform, 1.0, 3.0));
        assert!((mean - 2.0).abs() < 0.005 && (var - 4.0 / 12.0).abs() < 0.005);
    }

    #[test]
    fn streams_depend_on_every_input() {
        let first = |s, i, k| Stream::new(s, i, k).next_u64();
        assert_ne!(first(1, 0, 5), first(2, 0, 5));
        assert_ne!(first(1, 0, 5), first(1, 1, 5));
        assert_ne!(first(1, 0, 5), first(1, 0, 6));
        assert_eq!(first(1, 3, 5), first(1, 3, 5));
    }

    #[test]
    fn rounding_rule() {
        assert_eq!(scaled(10, 1.0), 10);
        assert_eq!(scaled(10, 1.25), 13);
        assert_eq!(scaled(10, 1.249), 12);
        assert_eq!(scaled(1, 0.2), 1);
    }
}
