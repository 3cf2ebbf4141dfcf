-- Screening through HTTP: POST /api/v1/match (yente's request shape), one query a request, each a name of
-- the given file (SDN names and Vigil's) with two neighbouring letters swapped at a random place, so that no
-- two requests are alike and the engine does the typo-tolerant work. Prints one RESULT line like report.lua,
-- with the share of answers that held a match.
names, answers, matched, non2xx = {}, 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 3 then names[#names + 1] = line end
  end
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1e6))
end

local function typo(s)
  local i = math.random(1, #s - 1)
  return s:sub(1, i - 1) .. s:sub(i + 1, i + 1) .. s:sub(i, i) .. s:sub(i + 2)
end

local function json(s)
  return (s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end))
end

function request()
  local body = '{"queries":{"q":{"schema":"LegalEntity","properties":{"name":["' .. json(typo(names[math.random(#names)])) .. '"]}}}}'
  return wrk.format("POST", "/api/v1/match?limit=5", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 then non2xx = non2xx + 1
  elseif body:find('"match":true', 1, true) then matched = matched + 1 end
end

done = function(summary, latency, requests)
  local total, hit, bad = 0, 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("answers"); hit = hit + t:get("matched"); bad = bad + t:get("non2xx")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d matched=%.0f%%\n",
    summary.requests / summary.duration * 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, bad,
    total > 0 and 100 * hit / total or 0))
end
