-- wrk script: GET /prompts/lookup?name=<random bench prompt>&label=production
-- BENCH_KIND: "read" for the text prompts, "chat" for the chat prompts
local count = tonumber(os.getenv("BENCH_PROMPTS") or "200")
local kind = os.getenv("BENCH_KIND") or "read"
local token = os.getenv("BENCH_TOKEN")
math.randomseed(os.time())
request = function()
  local name = string.format("bench/%s-%04d", kind, math.random(1, count))
  return wrk.format("GET", "/prompts/lookup?name=" .. name .. "&label=production",
    { ["Authorization"] = "Bearer " .. token })
end
