-- A skewed mix of reads, as many readers asking for many addresses would make it (wrk -s bench/mix.lua URL -- ACTORS NAMES).
-- Actors are drawn from a Zipf distribution (s = 1) over all ACTORS synthetic actors (company-0 … company-(ACTORS-1)),
-- ranks scattered over the ids so that the popular ones are not neighbours; list pages from a Zipf over the pages;
-- searches from NAMES (real names of the starter data, one a line) and synthetic names. The mix:
--   30 % API actor detail      15 % API actor list page    10 % API search
--   15 % actor page            10 % actor list page (/search?kind=company)   8 % search page
--    7 % gap matrix API (a vendor of the starter data or a synthetic one)   5 % /api/v1/stats
-- Prints the usual RESULT line plus the share of answers served from the cache (an Age header) and of non-2xx
-- answers (hidden and draft actors answer 404 to readers who may not see them: a third of the ids, or more).
local actors, cdf, pagecdf, names, vendors = 100000, {}, {}, {}, {}
-- Globals, so that done() can read them from each thread.
hits, non2xx, answers = 0, 0, 0
threads = {}

local function zipfcdf(n)
  local t, sum = {}, 0
  for i = 1, n do sum = sum + 1 / i; t[i] = sum end
  for i = 1, n do t[i] = t[i] / sum end
  return t
end

local function draw(t)
  local u, lo, hi = math.random(), 1, #t
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if t[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  actors = tonumber(args[1]) or actors
  cdf = zipfcdf(actors)
  pagecdf = zipfcdf(math.max(1, math.floor(actors * 0.9 / 50)))
  for line in io.lines(args[2] or "bench/names.txt") do
    if #line > 0 then names[#names + 1] = line end
  end
  vendors = { "nso-group", "intellexa-sa", "candiru", "cytrox-ad", "hacking-team", "finfisher-gmbh", "amesys", "cellebrite" }
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1e6))
end

local function actor()
  -- 7919 is prime to 100,000: rank r maps to a scattered, still unique, id.
  return "company-" .. ((draw(cdf) * 7919) % actors)
end

local function name()
  if math.random() < 0.5 then return names[math.random(#names)] end
  return "Synthetic Surveillance Company " .. ((draw(cdf) * 7919) % actors)
end

function request()
  local r, path = math.random()
  if r < 0.30 then path = "/api/v1/actors/" .. actor()
  elseif r < 0.45 then path = "/api/v1/actors?kind=company&pageSize=50&page=" .. draw(pagecdf)
  elseif r < 0.55 then path = "/api/v1/actors?q=" .. encode(name())
  elseif r < 0.70 then path = "/actors/" .. actor()
  elseif r < 0.80 then path = "/search?kind=company&page=" .. draw(pagecdf)
  elseif r < 0.88 then path = "/search?q=" .. encode(name())
  elseif r < 0.95 then
    if math.random() < 0.5 then path = "/api/v1/gaps/" .. vendors[math.random(#vendors)] else path = "/api/v1/gaps/" .. actor() end
  else path = "/api/v1/stats" end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  answers = answers + 1
  if headers["Age"] or headers["age"] then hits = hits + 1 end
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

done = function(summary, latency, requests)
  local h, n, a = 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0); n = n + (t:get("non2xx") or 0); a = a + (t:get("answers") or 0)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50=%.2f p95=%.2f p99=%.2f errors=%d cache_hits=%.1f%% non2xx=%.1f%%\n",
    summary.requests / summary.duration * 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors,
    a > 0 and 100 * h / a or 0, a > 0 and 100 * n / a or 0))
end
