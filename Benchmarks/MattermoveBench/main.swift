print("mattermove-bench")
