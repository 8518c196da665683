# Reference figures for test/cli/wavesWeighted.r.test.ts, computed with R survey (Lumley): two
# weighted waves compared as independent samples, as `kizuki report --weights --previous
# --previous-weights` does. Each wave is svydesign(ids = ~1, weights = ~w); every item's favourable
# share and every score's mean is estimated for everyone and for each sex as a domain of the whole
# wave; the change is after − before with SE sqrt(se1^2 + se2^2), a normal interval and z test.
# The gap men − women of a wave comes from svyby with its covariance (svycontrast); its change
# likewise. Usage: Rscript wavesWeighted.R <rows.csv> <figures-out.csv>
# rows.csv: wave (1 before, 2 after), w, sex, then one column per item (1 favourable, 0 not, NA not
# answered substantively) and per score (NA when not scored). Writes name,value lines (17 digits).
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
rows <- read.csv(args[1])
vars <- setdiff(names(rows), c("wave", "w", "sex"))
z <- qnorm(0.975)
out <- character(0)
put <- function(name, value) out <<- c(out, sprintf("%s,%.17g", name, as.numeric(value)))

estimate <- function(design, data, y, keep) {
  answered <- !is.na(data[[y]]) & keep
  if (sum(answered) < 2) return(NULL)
  m <- svymean(as.formula(paste0("~", y)), subset(design, answered))
  c(coef(m), SE(m))
}
change <- function(name, b, a) {
  if (is.null(b) || is.null(a)) return()
  d <- a[1] - b[1]
  se <- sqrt(a[2]^2 + b[2]^2)
  put(paste0(name, ".b"), b[1])
  put(paste0(name, ".a"), a[1])
  put(paste0(name, ".difference"), d)
  put(paste0(name, ".se"), se)
  put(paste0(name, ".lower"), d - z * se)
  put(paste0(name, ".upper"), d + z * se)
  put(paste0(name, ".p"), 2 * pnorm(-abs(d / se)))
}

waves <- lapply(1:2, function(k) {
  data <- rows[rows$wave == k, ]
  list(data = data, design = svydesign(ids = ~1, weights = ~w, data = data))
})
for (y in vars) {
  for (who in c("all", "1", "2")) {
    est <- lapply(waves, function(v) estimate(v$design, v$data, y, who == "all" | v$data$sex %in% who))
    change(paste(y, who, sep = "."), est[[1]], est[[2]])
  }
  # The gap men − women within each wave, with the covariance of the two domains.
  gaps <- lapply(waves, function(v) {
    answered <- !is.na(v$data[[y]]) & v$data$sex %in% c(1, 2)
    d <- subset(v$design, answered)
    b <- svyby(as.formula(paste0("~", y)), ~sex, d, svymean, covmat = TRUE)
    stopifnot(identical(as.numeric(b$sex), c(1, 2)))
    g <- svycontrast(b, c(1, -1))
    c(coef(g), SE(g))
  })
  change(paste(y, "gap", sep = "."), gaps[[1]], gaps[[2]])
}
writeLines(out, args[2])
