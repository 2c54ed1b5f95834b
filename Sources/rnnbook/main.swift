print("rnnbook")
