-- wrk script: GET /prompts/lookup?name=<random bench prompt>&label=production
local count = tonumber(os.getenv("BENCH_PROMPTS") or "200")
local token = os.getenv("BENCH_TOKEN")
math.randomseed(os.time())
request = function()
  local name = string.format("bench/read-%04d", math.random(1, count))
  return wrk.format("GET", "/prompts/lookup?name=" .. name .. "&label=production",
    { ["Authorization"] = "Bearer " .. token })
end
