-- wrk script: PUT /prompts/<random one of the bench prompts> with ~4 KB of new content
local prompts = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  local id, name = line:match("(%S+) (%S+)")
  prompts[#prompts + 1] = { id = id, name = name }
end
local token = os.getenv("BENCH_TOKEN")
local filler = string.rep("Answer clearly, cite sources, keep a friendly tone. ", 78)
local counter = 0
math.randomseed(os.time())
request = function()
  counter = counter + 1
  local p = prompts[math.random(1, #prompts)]
  local body = '{"name":"' .. p.name .. '","content":"' .. filler .. math.random() .. ' ' .. counter .. '"}'
  return wrk.format("PUT", "/prompts/" .. p.id, { ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json" }, body)
end
