-- The CPU architecture of a server product (enStratus' ServerProduct.architecture: I32, I64, ...),
-- as the cloud's driver reports it when the account is registered; NULL when the cloud does not say.
-- (machine_image.architecture has been there since V1.)
ALTER TABLE server_product ADD COLUMN architecture VARCHAR(32) NULL AFTER root_volume_gb;
