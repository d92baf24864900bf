namespace OrleansServe.LoadTester.Scheduling;

/// <summary>How send times are placed inside each second of the workload.</summary>
public enum ArrivalProcess
{
    /// <summary>Uniformly random times inside the second: a Poisson process given that second's count.</summary>
    Poisson,

    /// <summary>Evenly spaced times inside the second.</summary>
    Uniform,
}
