global using System.Diagnostics;
global using System.Globalization;
global using OrleansServe.LoadTester.Tests.Fakes;
