/**
 * Ready configurations for existing trainers with the paper's recipe: LLaMA-2 base, learning rate 2e-5,
 * 2 epochs, batch 128, sequence length 1024, loss on assistant turns only, in the Lumos chat template
 * (`<|user|>\n...\n<|assistant|>\n...</s>\n`). No trainer of our own: these drive open-instruct, TRL or axolotl.
 */
export type Trainer = "open-instruct" | "trl" | "axolotl";

export interface TrainRecipe {
  model: string;
  data: string;
  output: string;
  gpus: number;
  /** Effective batch size (the paper: 128). */
  batchSize: number;
  perDeviceBatch: number;
  learningRate: number;
  epochs: number;
  maxLength: number;
}

export const PAPER_RECIPE: Omit<TrainRecipe, "data" | "output"> = {
  model: "meta-llama/Llama-2-7b-hf",
  gpus: 8,
  batchSize: 128,
  perDeviceBatch: 2,
  learningRate: 2e-5,
  epochs: 2,
  maxLength: 1024,
};

/** The Lumos training template as a Jinja chat template, assistant turns marked for loss masking. */
export const LUMOS_CHAT_TEMPLATE =
  "{% for message in messages %}{% if message['role'] == 'user' %}{{ '<|user|>\\n' + message['content'] + '\\n' }}" +
  "{% elif message['role'] == 'assistant' %}{{ '<|assistant|>\\n' }}{% generation %}{{ message['content'] + eos_token }}{% endgeneration %}{{ '\\n' }}{% endif %}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

export interface TrainConfigFiles {
  files: Record<string, string>;
  command: string;
}

export function gradientAccumulation(recipe: TrainRecipe): number {
  const steps = recipe.batchSize / (recipe.perDeviceBatch * recipe.gpus);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`batch ${recipe.batchSize} is not a multiple of ${recipe.perDeviceBatch} x ${recipe.gpus} GPUs`);
  return steps;
}

export function trainConfig(trainer: Trainer, recipe: TrainRecipe): TrainConfigFiles {
  const accumulation = gradientAccumulation(recipe);
  const lr = recipe.learningRate.toExponential(); // 2e-5, as trainers' docs write it
  if (trainer === "open-instruct") {
    // open-instruct's finetune.py renders <|user|>/<|assistant|> ... </s> itself and masks user turns
    const command = [
      "accelerate launch --mixed_precision bf16 --num_machines 1",
      `--num_processes ${recipe.gpus} --use_deepspeed --deepspeed_config_file ds_configs/stage3_no_offloading_accelerate.conf`,
      "open_instruct/finetune.py",
      `--model_name_or_path ${recipe.model} --tokenizer_name ${recipe.model} --use_slow_tokenizer`,
      `--train_file ${recipe.data} --max_seq_length ${recipe.maxLength} --preprocessing_num_workers 16`,
      `--per_device_train_batch_size ${recipe.perDeviceBatch} --gradient_accumulation_steps ${accumulation}`,
      `--learning_rate ${lr} --lr_scheduler_type linear --warmup_ratio 0.03 --weight_decay 0.`,
      `--num_train_epochs ${recipe.epochs} --output_dir ${recipe.output} --with_tracking --report_to tensorboard --logging_steps 1`,
    ].join(" \\\n  ");
    return { files: { "train.sh": `#!/usr/bin/env bash\n# Run from an open-instruct checkout.\nset -euo pipefail\n${command}\n` }, command: "bash train.sh" };
  }
  if (trainer === "trl") {
    const yaml = [
      `model_name_or_path: ${recipe.model}`,
      `datasets:`,
      `  - path: json`,
      `    data_files: ${recipe.data}`,
      `    split: train`,
      `output_dir: ${recipe.output}`,
      `chat_template_path: lumos_chat_template.jinja`,
      `assistant_only_loss: true`,
      `max_length: ${recipe.maxLength}`,
      `learning_rate: ${lr}`,
      `num_train_epochs: ${recipe.epochs}`,
      `per_device_train_batch_size: ${recipe.perDeviceBatch}`,
      `gradient_accumulation_steps: ${accumulation}`,
      `lr_scheduler_type: linear`,
      `warmup_ratio: 0.03`,
      `bf16: true`,
      `gradient_checkpointing: true`,
      `logging_steps: 1`,
    ].join("\n");
    return {
      files: { "sft.yaml": `${yaml}\n`, "lumos_chat_template.jinja": `${LUMOS_CHAT_TEMPLATE}\n` },
      command: `trl sft --config sft.yaml   # TRL >= 0.20; prefix with \`accelerate launch --num_processes ${recipe.gpus}\` for several GPUs`,
    };
  }
  const yaml = [
    `base_model: ${recipe.model}`,
    `chat_template: jinja`,
    `chat_template_jinja: ${JSON.stringify(LUMOS_CHAT_TEMPLATE)}`,
    `datasets:`,
    `  - path: ${recipe.data}`,
    `    type: chat_template`,
    `    field_messages: messages`,
    `    roles_to_train: ["assistant"]`,
    `    train_on_eos: turn`,
    `sequence_len: ${recipe.maxLength}`,
    `micro_batch_size: ${recipe.perDeviceBatch}`,
    `gradient_accumulation_steps: ${accumulation}`,
    `num_epochs: ${recipe.epochs}`,
    `learning_rate: ${lr}`,
    `lr_scheduler: linear`,
    `warmup_ratio: 0.03`,
    `optimizer: adamw_torch`,
    `bf16: true`,
    `gradient_checkpointing: true`,
    `output_dir: ${recipe.output}`,
  ].join("\n");
  return { files: { "axolotl.yaml": `${yaml}\n` }, command: "axolotl train axolotl.yaml" };
}
