-- A lambda that spends 7.5 million instructions a call, under the 10 million
-- one call was once allowed: its two calls add up against the one budget
-- all the lambda calls of a report share.
return {
	lambdas = {
		owner = function()
			local n = 0
			for i = 1, 2500000 do
				n = n + i % 7
			end
			return n
		end,
	},
}
