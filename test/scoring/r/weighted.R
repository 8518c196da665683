# Reference figures for test/scoring/weighted.r.test.ts, computed with R survey (Lumley).
# Usage: Rscript weighted.R <rows.csv> <weights-out.csv> <figures-out.csv>
# rows.csv: id, stratum, N, w0, sex, age_band, fav, val, code2, hours (NA where not answered).
# Writes the calibrated weights per row and every figure as name,value with 17 significant digits.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
rows <- read.csv(args[1])
rows$sex <- factor(rows$sex)
rows$age_band <- factor(rows$age_band)
out <- character(0)
put <- function(name, value) {
  value <- as.numeric(value)
  for (i in seq_along(value)) {
    out <<- c(out, sprintf("%s%s,%.17g", name, if (length(value) > 1) paste0(".", i) else "", value[i]))
  }
}

main <- rows[rows$stratum != 5, ]
base <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~w0, data = main)

# Population counts for calibration (a fixed, made-up register).
pop_sex <- data.frame(sex = factor(c(1, 2)), Freq = c(5200, 5800))
pop_age <- data.frame(age_band = factor(1:5), Freq = c(1800, 2100, 2400, 2500, 2200))
cells <- expand.grid(sex = factor(c(1, 2)), age_band = factor(1:5))
cells$Freq <- as.vector(outer(c(5200, 5800), c(1800, 2100, 2400, 2500, 2200))) / 11000
totals <- c(`(Intercept)` = 11000, sex2 = 5800, age_band2 = 2100, age_band3 = 2400, age_band4 = 2500, age_band5 = 2200)

designs <- list(
  strat = base,
  post = postStratify(base, ~sex + age_band, cells),
  rake = rake(base, list(~sex, ~age_band), list(pop_sex, pop_age), control = list(maxit = 100, epsilon = 1e-10)),
  linear = calibrate(base, ~sex + age_band, totals, calfun = "linear"),
  raking = calibrate(base, ~sex + age_band, totals, calfun = "raking", epsilon = 1e-13, maxit = 200)
)

weights_out <- data.frame(id = main$id)
for (name in names(designs)) {
  d <- designs[[name]]
  weights_out[[name]] <- weights(d)
  for (y in c("fav", "val", "code2", "hours")) {
    f <- as.formula(paste0("~", y))
    m <- svymean(f, d, na.rm = TRUE)
    put(paste(name, y, "mean", sep = "."), coef(m))
    put(paste(name, y, "se", sep = "."), SE(m))
    t <- svytotal(f, d, na.rm = TRUE)
    put(paste(name, y, "total", sep = "."), coef(t))
    put(paste(name, y, "totalSe", sep = "."), SE(t))
    # Domain means over respondents who answered y, and their difference with the covariance:
    # svyratio(covmat = TRUE) of y·1[A], y·1[B] over answered·1[A], answered·1[B] on the whole
    # design (svyby(covmat = TRUE) fails on these designs in survey 4.1.1), contrast as svycontrast.
    gap <- function(inA, inB) {
      v <- d$variables
      y0 <- ifelse(is.na(v[[y]]), 0, v[[y]])
      ans <- as.numeric(!is.na(v[[y]]))
      dd <- d
      dd$variables <- data.frame(yA = y0 * inA, yB = y0 * inB, dA = ans * inA, dB = ans * inB)
      r <- svyratio(~yA + yB, ~dA + dB, dd, covmat = TRUE)
      est <- as.vector(coef(r))[c(1, 4)]
      V <- vcov(r)[c(1, 4), c(1, 4)]
      list(mean = est, se = sqrt(diag(V)), diff = est[1] - est[2], diffSe = sqrt(V[1, 1] + V[2, 2] - 2 * V[1, 2]))
    }
    sexes <- gap(as.numeric(d$variables$sex == 1), as.numeric(d$variables$sex == 2))
    put(paste(name, y, "bySex.mean", sep = "."), sexes$mean)
    put(paste(name, y, "bySex.se", sep = "."), sexes$se)
    put(paste(name, y, "gapSex.diff", sep = "."), sexes$diff)
    put(paste(name, y, "gapSex.se", sep = "."), sexes$diffSe)
    dom <- svymean(f, subset(d, sex == 2 & age_band == 3), na.rm = TRUE)
    put(paste(name, y, "sex2age3.mean", sep = "."), coef(dom))
    put(paste(name, y, "sex2age3.se", sep = "."), SE(dom))
    women <- d$variables$sex == 2
    ages <- gap(as.numeric(women & d$variables$age_band == 2), as.numeric(women & d$variables$age_band == 3))
    put(paste(name, y, "gapAgeInWomen.diff", sep = "."), ages$diff)
    put(paste(name, y, "gapAgeInWomen.se", sep = "."), ages$diffSe)
  }
  for (method in c("logit", "beta")) {
    for (who in c("all", "women")) {
      keep <- !is.na(d$variables$fav) & (who == "all" | d$variables$sex == 2)
      sub <- subset(d, keep)
      put(paste(name, "fav", method, paste0(who, "Df"), sep = "."), degf(sub))
      if (name == "strat") {
        ci <- svyciprop(~fav, sub, method = method)
        put(paste(name, "fav", method, who, sep = "."), c(coef(ci), attr(ci, "ci")))
      } else if (method == "logit") {
        # svyciprop's svyglm fails on subsets of calibrated designs (zero weights in qr.resid), so
        # its logit interval is formed here from svymean as svyciprop does: t(degf) on the logit scale.
        m <- svymean(~fav, sub, na.rm = TRUE)
        p <- coef(m)[[1]]
        half <- qt(0.975, degf(sub)) * SE(m)[[1]] / (p * (1 - p))
        put(paste(name, "fav", method, who, sep = "."), c(p, plogis(qlogis(p) + c(-1, 1) * half)))
      }
    }
  }
}

# A stratum of one respondent, under each lonely-PSU rule.
lonely <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~w0, data = rows)
for (rule in c("certainty", "adjust", "average")) {
  options(survey.lonely.psu = rule)
  m <- svymean(~val, lonely, na.rm = TRUE)
  put(paste("lonely", rule, "val.se", sep = "."), SE(m))
  ld <- lonely
  ld$variables <- data.frame(sex = rows$sex, y0 = ifelse(is.na(rows$val), 0, rows$val),
                             answered = as.numeric(!is.na(rows$val)))
  b <- svyby(~y0, ~sex + answered, ld, svymean)
  b <- b[c("1.1", "2.1"), ]
  put(paste("lonely", rule, "bySex.se", sep = "."), SE(b))
}
options(survey.lonely.psu = "fail")
put("lonely.fail", inherits(try(svymean(~val, lonely, na.rm = TRUE), silent = TRUE), "try-error"))

lines <- c(paste(names(weights_out), collapse = ","),
           apply(weights_out, 1, function(r) paste(sprintf("%.17g", r), collapse = ",")))
writeLines(lines, args[2])
writeLines(out, args[3])
