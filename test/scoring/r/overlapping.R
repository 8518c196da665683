# Reference figures for test/scoring/overlapping.r.test.ts, in base R arithmetic only, from the raw
# answers: partially overlapping samples (Derrick et al. 2015 for shares, 2017 for means).
# Usage: Rscript overlapping.R <rows.csv> <level>
# rows.csv: case, wave (1 before, 2 after), id (same id in both waves = linked), fav (0/1 or NA), val (or NA).
# Prints every figure as name,value with 17 significant digits.
args <- commandArgs(trailingOnly = TRUE)
rows <- read.csv(args[1])
level <- as.numeric(args[2])
z_crit <- qnorm(1 - (1 - level) / 2)
put <- function(name, value) cat(sprintf("%s,%.17g\n", name, as.numeric(value)))

for (case in sort(unique(rows$case))) {
  d <- rows[rows$case == case, ]
  w1 <- d[d$wave == 1, ]
  w2 <- d[d$wave == 2, ]
  key <- function(name) paste0(case, ".", name)

  # Shares: every answered row of each wave; the pairs are ids answered in both.
  s1 <- w1[!is.na(w1$fav), ]
  s2 <- w2[!is.na(w2$fav), ]
  n1 <- nrow(s1); n2 <- nrow(s2)
  p1 <- mean(s1$fav); p2 <- mean(s2$fav)
  m <- merge(s1[, c("id", "fav")], s2[, c("id", "fav")], by = "id", suffixes = c(".b", ".a"))
  nc <- nrow(m)
  pbar <- (sum(s1$fav) + sum(s2$fav)) / (n1 + n2)
  v <- pbar * (1 - pbar)
  co <- if (nc > 0) sum((m$fav.b - pbar) * (m$fav.a - pbar)) else 0
  co <- max(-v * nc, min(v * nc, co))
  var0 <- v * (1 / n1 + 1 / n2) - 2 * co / (n1 * n2)
  z <- (p2 - p1) / sqrt(var0)
  put(key("share.points"), (p2 - p1) * 100)
  put(key("share.z"), z)
  put(key("share.p"), 2 * pnorm(-abs(z)))
  put(key("share.linked"), nc)
  wilson <- function(x, n) {
    centre <- (x + z_crit^2 / 2) / (n + z_crit^2)
    half <- z_crit / (n + z_crit^2) * sqrt(x * (1 - x / n) + z_crit^2 / 4)
    c(centre - half, centre + half)
  }
  wa <- wilson(sum(s2$fav), n2); wb <- wilson(sum(s1$fav), n1)
  # Newcombe's phi of the pairs' 2x2 table, a positive cross product reduced by n/2.
  e <- sum(m$fav.b == 1 & m$fav.a == 1); g <- sum(m$fav.b == 1 & m$fav.a == 0)
  f <- sum(m$fav.b == 0 & m$fav.a == 1); h <- sum(m$fav.b == 0 & m$fav.a == 0)
  prod <- (e + f) * (g + h) * (e + g) * (f + h)
  cross <- e * h - f * g
  phi <- if (prod > 0) (if (cross > 0) max(cross - nc / 2, 0) else cross) / sqrt(prod) else 0
  rho <- phi * nc / sqrt(n1 * n2)
  dl_a <- p2 - wa[1]; du_a <- wa[2] - p2; dl_b <- p1 - wb[1]; du_b <- wb[2] - p1
  put(key("share.lower"), 100 * max(-1, (p2 - p1) - sqrt(dl_a^2 - 2 * rho * dl_a * du_b + du_b^2)))
  put(key("share.upper"), 100 * min(1, (p2 - p1) + sqrt(du_a^2 - 2 * rho * du_a * dl_b + dl_b^2)))

  # Means: Derrick, Russ, Toher & White (2017), T_new2.
  x1 <- w1[!is.na(w1$val), ]; x2 <- w2[!is.na(w2$val), ]
  n1 <- nrow(x1); n2 <- nrow(x2)
  mm <- merge(x1[, c("id", "val")], x2[, c("id", "val")], by = "id", suffixes = c(".b", ".a"))
  nc <- nrow(mm)
  sd1 <- sd(x1$val); sd2 <- sd(x2$val)
  r <- if (nc >= 2) cor(mm$val.b, mm$val.a) else 0
  se <- sqrt(sd1^2 / n1 + sd2^2 / n2 - 2 * r * sd1 * sd2 * nc / (n1 * n2))
  va <- sd2^2 / n2; vb <- sd1^2 / n1
  gamma <- (va + vb)^2 / (va^2 / (n2 - 1) + vb^2 / (n1 - 1))
  na <- n1 - nc; nb <- n2 - nc
  df <- (nc - 1) + ((gamma - nc + 1) / (na + nb + 2 * nc)) * (na + nb)
  diff <- mean(x2$val) - mean(x1$val)
  t <- diff / se
  half <- qt(1 - (1 - level) / 2, df) * se
  put(key("mean.difference"), diff)
  put(key("mean.t"), t)
  put(key("mean.df"), df)
  put(key("mean.p"), 2 * pt(-abs(t), df))
  put(key("mean.lower"), diff - half)
  put(key("mean.upper"), diff + half)
  put(key("mean.correlation"), r)
}
