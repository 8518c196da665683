# Weights by R survey for the comparison in test/design/rSurvey.test.ts.
# Usage: Rscript --vanilla weights.R <dir>; reads <dir>/data.csv and <dir>/margins.json,
# writes <dir>/r.json with every weight at full precision.
suppressMessages({
  library(survey)
  library(jsonlite)
})
dir <- commandArgs(trailingOnly = TRUE)[1]
d <- read.csv(file.path(dir, "data.csv"), colClasses = c(sex = "character", age = "character", district = "character"))
m <- fromJSON(file.path(dir, "margins.json"))
popOf <- function(v) {
  p <- data.frame(names(m[[v]]), unlist(m[[v]]), stringsAsFactors = FALSE)
  names(p) <- c(v, "Freq")
  p
}
N <- sum(unlist(m$sex))
des <- svydesign(ids = ~1, weights = ~w, data = d)
census <- svydesign(ids = ~1, weights = ~one, data = transform(d, one = 1))
margins <- list(~sex, ~age, ~district)
pops <- list(popOf("sex"), popOf("age"), popOf("district"))
tight <- list(maxit = 1000, epsilon = 1e-13)

raked <- rake(des, margins, pops, control = tight)
rakedCensus <- rake(census, margins, pops, control = tight)

# Population totals in the order of model.matrix(~sex + age + district + x): intercept, the
# treatment-contrast dummies (levels sorted, the first dropped), then the numeric total.
tot <- function(v) unlist(m[[v]][sort(unique(d[[v]]))[-1]])
pop <- unname(c(N, tot("sex"), tot("age"), tot("district"), m$xtotal))
linear <- calibrate(des, ~sex + age + district + x, pop, calfun = "linear")
raking <- calibrate(des, ~sex + age + district + x, pop, calfun = "raking", epsilon = 1e-10)
rakingCensus <- calibrate(census, ~sex + age + district, pop[1:(length(pop) - 1)], calfun = "raking", epsilon = 1e-10)

cells <- data.frame(sex = m$cells$sex, age = m$cells$age, Freq = m$cells$total, stringsAsFactors = FALSE)
post <- postStratify(des, ~sex + age, cells)

rw <- weights(raked)
trimmed <- trimWeights(raked, lower = m$trim$lower, upper = m$trim$upper)
strict <- trimWeights(raked, lower = m$trim$lower, upper = m$trim$upper, strict = TRUE)
median3 <- trimWeights(raked, upper = 1.6 * median(rw))

out <- list(
  rake = rw,
  rakeCensus = weights(rakedCensus),
  linear = weights(linear),
  raking = weights(raking),
  rakingCensus = weights(rakingCensus),
  post = weights(post),
  trim = weights(trimmed),
  trimStrict = weights(strict),
  trimMedian = weights(median3)
)
writeLines(toJSON(lapply(out, unname), digits = I(17)), file.path(dir, "r.json"))
