-- Gives a lambda that is not a function.
return {lambdas = {date_long = "20 August 2019"}}
