using OrleansServe.LoadTester.Cli;

return await LoadTesterApp.MainAsync(args);
