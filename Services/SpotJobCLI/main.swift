print("spotjob")
