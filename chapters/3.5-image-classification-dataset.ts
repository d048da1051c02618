/**
 * d2l 3.5 The Image Classification Dataset: Fashion-MNIST's sizes, a grid of labelled images, the
 * time to read one epoch, and the book's loader with resizing.
 * Run: `npx tsx chapters/3.5-image-classification-dataset.ts [--batch-size 256]`.
 */
import { data, type Tensor } from "../src/index.js";
import { imageGrid, type Colormap } from "../src/plot/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.5",
  title: "The Image Classification Dataset",
  defaults: { batchSize: 256 },
  async run(host) {
    host.print("## Reading the dataset");
    // `torchvision.datasets.FashionMNIST(root, train, transform=ToTensor(), download=True)`: the files are
    // found on the dataset's search path, or downloaded into data/fashion-mnist/ the first time (hence `await`).
    // Images come as float32 in [0, 1] shaped [1, 28, 28], as `ToTensor` gives them.
    const mnistTrain = await data.FashionMNIST.create({ train: true, download: true });
    const mnistTest = await data.FashionMNIST.create({ train: false, download: true });
    host.print(`train ${mnistTrain.length}, test ${mnistTest.length}`);
    host.print(`one image: ${d2l.formatShape(mnistTrain.get(0)[0].shape)}`); // `mnist_train[0][0].shape`

    /**
     * The text labels of Fashion-MNIST class indices. d2l: `d2l.get_fashion_mnist_labels(labels)`.
     * @example getFashionMnistLabels(tensor([0, 9])) // ["t-shirt", "ankle boot"]
     */
    function getFashionMnistLabels(labels: Tensor | ArrayLike<number>): string[] { //@save
      const textLabels = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"];
      const indices = "toFloat32Array" in labels ? labels.toFloat32Array() : labels; // a tensor, or plain numbers
      return Array.from(indices, (i) => {
        // Not in the book: Python raises IndexError, JavaScript would return undefined.
        if (textLabels[i] === undefined) throw new Error(`getFashionMnistLabels: ${i} is not a class index (0 … 9)`);
        return textLabels[i];
      });
    }

    /**
     * Images `[n, H, W]` (or `[n, 1, H, W]`, or a list of image tensors) in a `numRows × numCols` grid,
     * each titled; returns the SVG for `host.figure`. Colour map viridis by default, as matplotlib's
     * `imshow`. d2l: `d2l.show_images(imgs, num_rows, num_cols, titles=None, scale=1.5)`.
     * @example host.figure("images.svg", showImages(X.reshape(18, 28, 28), 2, 9, getFashionMnistLabels(y)))
     */
    function showImages( //@save
      imgs: Tensor | readonly Tensor[],
      numRows: number,
      numCols: number,
      titles?: readonly string[],
      scale = 1.5,
      cmap: Colormap = "viridis",
    ): string {
      // matplotlib's `subplots` grid, `imshow` per image and hidden axes → the library's image grid.
      const images = (Array.isArray(imgs) ? imgs : [imgs]).flatMap((img: Tensor) => d2l.toGrayImages(img));
      return imageGrid({ images, numRows, numCols, titles, scale, cmap });
    }

    // `X, y = next(iter(data.DataLoader(mnist_train, batch_size=18)))`
    const [X, y] = new data.DataLoader(mnistTrain, { batchSize: 18 })[Symbol.iterator]().next().value!;
    const titles = getFashionMnistLabels(y);
    host.print(`labels: ${titles.join(", ")}`);
    host.figure("3.5-fashion-mnist.svg", showImages(X.reshape(18, 28, 28), 2, 9, titles));

    host.print("\n## Reading a minibatch");
    const { batchSize } = host.args; // the book's 256
    // d2l's `get_dataloader_workers()` returns 4 reader processes; JavaScript reads on this one thread.
    const trainIter = new data.DataLoader(mnistTrain, { batchSize, shuffle: true });
    const timer = new d2l.Timer();
    let batches = 0;
    for (const _batch of trainIter) batches++;
    host.print(`${timer.stop().toFixed(2)} sec to read ${batches} batches of ${batchSize}`);

    host.print("\n## Putting all things together");
    /**
     * Fashion-MNIST as two DataLoaders, training (shuffled every epoch) and test (in order); batches of
     * images `[batchSize, 1, 28, 28]` (or `resize × resize`, bilinear) in [0, 1] and class indices
     * `[batchSize]`. Finds the files on the dataset's search path (or `root`: a directory, or in a
     * browser a URL), downloading them when missing. d2l: `d2l.load_data_fashion_mnist(batch_size, resize=None)`.
     * @example const [trainIter, testIter] = await loadDataFashionMnist(256);
     */
    async function loadDataFashionMnist( //@save
      batchSize: number,
      resize?: number,
      root?: string,
    ): Promise<[train: data.DataLoader<[Tensor, Tensor]>, test: data.DataLoader<[Tensor, Tensor]>]> {
      // `transforms.Compose([Resize(resize), ToTensor()])` → the dataset's `resize` option.
      const mnistTrain = await data.FashionMNIST.create({ train: true, resize, root, download: true });
      const mnistTest = await data.FashionMNIST.create({ train: false, resize, root, download: true });
      return [
        new data.DataLoader(mnistTrain, { batchSize, shuffle: true }),
        new data.DataLoader(mnistTest, { batchSize, shuffle: false }),
      ];
    }

    const [resizedIter] = await loadDataFashionMnist(32, 64);
    for (const [X, y] of resizedIter) {
      // PyTorch prints torch.float32 and torch.int64; our labels are class indices stored as float32.
      host.print(`resized batch: X ${d2l.formatShape(X.shape)} float32, y ${d2l.formatShape(y.shape)} (class indices stored as float32)`);
      break;
    }
  },
};

await d2l.runIfMain(import.meta.url, chapter);
