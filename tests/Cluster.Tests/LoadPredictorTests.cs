using OrleansServe.Grains.LoadPredictor;

namespace OrleansServe.Cluster.Tests;

public sealed class LoadPredictorTests
{
    private static readonly TokenModelCost[] Costs =
    [
        new("A", 2, 0.05, 50), new("B", 5, 0.1, 100), new("C", 10, 0.2, 200), new("D", 20, 0.5, 400),
    ];

    [Fact]
    public void CpuErrorOnHeldBackSyntheticRowsIsWithinFivePoints()
    {
        var rows = SyntheticLoad.Rows(Costs, 1500, cores: 2, totalMemoryMb: 24_000, seed: 3);

        var model = LoadModel.Train(rows.Take(1200).ToList(), rows.Skip(1200).ToList(), realRows: 0);

        Assert.True(model.Error.CpuMae <= 5, $"CPU MAE {model.Error.CpuMae:0.00}");
        Assert.Equal(1200, model.Error.TrainingRows);
    }

    [Fact]
    public void PredictsMoreCpuForHeavierMixes()
    {
        var rows = SyntheticLoad.Rows(Costs, 1200, cores: 2, totalMemoryMb: 24_000, seed: 5);
        var model = LoadModel.Train(rows, rows.Take(100).ToList(), realRows: 0);

        var light = model.Predict(LoadRow.FeaturesOf(new Dictionary<string, int> { ["A"] = 2 }, new Dictionary<string, int> { ["A"] = 40 }));
        var heavy = model.Predict(LoadRow.FeaturesOf(new Dictionary<string, int> { ["D"] = 8 }, new Dictionary<string, int> { ["D"] = 2400 }));

        Assert.True(heavy.Cpu > light.Cpu + 20, $"light {light.Cpu:0.0} %, heavy {heavy.Cpu:0.0} %");
        Assert.True(heavy.LatencyMs > light.LatencyMs);
    }
}
