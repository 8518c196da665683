# Reference figures for test/cli/reportDesign.r.test.ts, computed with R survey (Lumley): the
# stratified design with fpc that `kizuki report --design design.json --strata area` estimates with.
# Usage: Rscript reportDesign.R <rows.csv> <figures-out.csv>
# rows.csv: id, area, N, w, sex, fav, val, hours (NA where not answered). Writes name,value lines
# with 17 significant digits.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
rows <- read.csv(args[1])
rows$sex <- factor(rows$sex)
out <- character(0)
put <- function(name, value) {
  value <- as.numeric(value)
  for (i in seq_along(value)) {
    out <<- c(out, sprintf("%s%s,%.17g", name, if (length(value) > 1) paste0(".", i) else "", value[i]))
  }
}

d <- svydesign(ids = ~1, strata = ~area, fpc = ~N, weights = ~w, data = rows)
for (y in c("fav", "val", "hours")) {
  f <- as.formula(paste0("~", y))
  answered <- !is.na(rows[[y]])
  t <- svytotal(f, d, na.rm = TRUE)
  put(paste(y, "all", "total", sep = "."), coef(t))
  put(paste(y, "all", "totalSe", sep = "."), SE(t))
  # The whole sample and each sex as domains of the full design (subset keeps every stratum).
  for (who in c("all", "1", "2")) {
    sub <- subset(d, answered & (who == "all" | rows$sex == who))
    m <- svymean(f, sub)
    put(paste(y, who, "mean", sep = "."), coef(m))
    put(paste(y, who, "se", sep = "."), SE(m))
    put(paste(y, who, "df", sep = "."), degf(sub))
    if (y == "fav") {
      for (method in c("logit", "beta")) {
        ci <- svyciprop(f, sub, method = method)
        put(paste(y, who, method, sep = "."), attr(ci, "ci"))
      }
    } else {
      put(paste(y, who, "t", sep = "."), confint(m, df = degf(sub)))
    }
  }
  # Men − women with the covariance between the two domains, as svycontrast gives it.
  b <- svyby(f, ~sex, subset(d, answered), svymean, covmat = TRUE)
  gap <- svycontrast(b, c(1, -1))
  put(paste(y, "gap", "diff", sep = "."), coef(gap))
  put(paste(y, "gap", "se", sep = "."), SE(gap))
  put(paste(y, "gap", "z", sep = "."), confint(gap))
}
writeLines(out, args[2])
