global using OrleansServe.Deployment.Tests.Support;
