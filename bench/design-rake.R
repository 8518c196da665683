# Times survey::rake on the data bench/design.bench.ts writes: 100,000 respondents, margins of
# 2 × 6 × 20 categories. Only rake() is timed (system.time, median of 3 runs): R's start-up, the
# package load, reading the CSV and svydesign() are not. Usage: Rscript --vanilla design-rake.R <dir>
suppressMessages(library(survey))
dir <- commandArgs(trailingOnly = TRUE)[1]
d <- read.csv(file.path(dir, "rake.csv"), colClasses = c(sex = "character", age = "character", district = "character"))
pops <- lapply(c("sex", "age", "district"), function(v) {
  p <- read.csv(file.path(dir, paste0("pop-", v, ".csv")), colClasses = c(level = "character"))
  names(p) <- c(v, "Freq")
  p
})
des <- svydesign(ids = ~1, weights = ~w, data = d)
times <- sapply(1:3, function(i) {
  system.time(rake(des, list(~sex, ~age, ~district), pops, control = list(maxit = 100, epsilon = 1e-7)))[["elapsed"]]
})
cat(sprintf("%.4f\n", median(times)))
